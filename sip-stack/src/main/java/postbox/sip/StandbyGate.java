package postbox.sip;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.message.Request;

/**
 * Whether the endpoint is active or standby, and which requests a standby endpoint turns away: new
 * (out-of-dialog) INVITE, SUBSCRIBE and OPTIONS get {@code 503 Service Unavailable} with
 * {@code Retry-After: }{@link #RETRY_AFTER}; requests inside dialogs that are already up, and every other
 * method, go on as when active. Thread-safe.
 */
final class StandbyGate {

    /** The {@code Retry-After} of a standby endpoint's 503. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Set<String> TURNED_AWAY = Set.of(Request.INVITE, Request.SUBSCRIBE, Request.OPTIONS);

    private final AtomicBoolean active;

    StandbyGate(boolean active) {
        this.active = new AtomicBoolean(active);
    }

    boolean active() {
        return active.get();
    }

    /** Sets the activity; true when it changed. */
    boolean setActive(boolean active) {
        return this.active.getAndSet(active) != active;
    }

    /** Whether a request gets 503 now. */
    boolean turnsAway(String method, boolean inDialog) {
        return !inDialog && !active.get() && TURNED_AWAY.contains(method);
    }
}
