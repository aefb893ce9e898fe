package postbox.server.config;

import java.time.Duration;

/**
 * When an active backup hands back to a primary that is back (SPEC section 1).
 *
 * @param mode    manual, graceful or automatic
 * @param timeout for automatic: the longest wait for the backup's calls to end (at most 60 min)
 */
public record FailbackPolicy(Mode mode, Duration timeout) {

    /** The failback options of VoiceMail Pro. */
    public enum Mode {
        /** Only an administrator's deactivate hands back. */
        MANUAL,
        /** Once the backup has no call in progress (the default). */
        GRACEFUL,
        /** Once the backup has no call in progress, or after the timeout whatever the calls. */
        AUTOMATIC
    }

    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(60);
    public static final FailbackPolicy DEFAULT = new FailbackPolicy(Mode.GRACEFUL, Duration.ofMinutes(10));

    public FailbackPolicy {
        if (timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the failback timeout must be 0-60 minutes, got " + timeout);
        }
    }
}
