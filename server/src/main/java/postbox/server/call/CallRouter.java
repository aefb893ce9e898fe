package postbox.server.call;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import postbox.sip.DivertReason;
import postbox.sip.IncomingCall;
import postbox.store.GreetingKind;

/**
 * Chooses a call's start point from its Request-URI user part, unless a {@code Diversion}/{@code History-Info}
 * header names the originally called mailbox (SPEC section 2). Pure and thread-safe.
 */
public final class CallRouter {

    private final Set<String> collectUsers;
    private final Predicate<String> isMailbox;

    /**
     * @param collectUsers user parts that start mailbox collection ({@code *17}, {@code collect}, the trunk user)
     * @param isMailbox    whether a user part is an existing mailbox
     */
    public CallRouter(Set<String> collectUsers, Predicate<String> isMailbox) {
        this.collectUsers = Set.copyOf(collectUsers);
        this.isMailbox = isMailbox;
    }

    public Route route(IncomingCall call) {
        if (call.diversion().isPresent() && isMailbox.test(call.diversion().get().user())) {
            return new Route.Leave(call.diversion().get().user(), greetingFor(call.diversion().get().reason()));
        }
        String user = call.requestUser();
        if (collectUsers.contains(user)) {
            String caller = call.from().user();
            boolean recognised = call.trustedSource() && isMailbox.test(caller); // a trusted PBX's From is believed
            return new Route.Collect(recognised ? Optional.of(caller) : Optional.empty());
        }
        if (isMailbox.test(user)) {
            return new Route.Leave(user, null);
        }
        return new Route.Unknown(user);
    }

    private static GreetingKind greetingFor(DivertReason reason) {
        return switch (reason) {
            case BUSY -> GreetingKind.BUSY;
            case NO_ANSWER -> GreetingKind.NOANSWER;
            case UNCONDITIONAL, UNKNOWN -> null;
        };
    }
}
