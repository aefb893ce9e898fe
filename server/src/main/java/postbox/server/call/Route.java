package postbox.server.call;

import java.util.Optional;
import postbox.store.GreetingKind;

/** Where an incoming call goes (SPEC section 2). */
public sealed interface Route {

    /**
     * Leave a message for {@code mailbox}.
     *
     * @param divertGreeting BUSY or NOANSWER when the PBX said why it diverted the call, else null
     */
    record Leave(String mailbox, GreetingKind divertGreeting) implements Route {
    }

    /**
     * Mailbox collection.
     *
     * @param knownMailbox the caller's own mailbox when the call comes from a trusted source and From is a mailbox
     *                     (then only the PIN is asked)
     */
    record Collect(Optional<String> knownMailbox) implements Route {
    }

    /** No start point for this user part: 404. */
    record Unknown(String user) implements Route {
    }
}
