package postbox.store;

import java.time.Duration;

/**
 * The voicemail call-flow settings an admin sets for the network (they start as the node's {@code voicemail.*}
 * config keys): synced from the primary to the backup. Immutable.
 *
 * @param maxMessageSeconds the longest message, 1 to 3600 (60 min), unless a mailbox sets its own
 * @param silenceSeconds    continuous silence that ends a recording, 1 to {@value #MAX_SILENCE_SECONDS}
 */
public record CallFlowSettings(int maxMessageSeconds, int silenceSeconds) {

    /** The longest silence that may end a recording. */
    public static final int MAX_SILENCE_SECONDS = 60;

    /** Checks the ranges; a breach throws {@link IllegalArgumentException} naming the field. */
    public CallFlowSettings {
        if (maxMessageSeconds < 1 || maxMessageSeconds > MailboxPreferences.MAX_MESSAGE_CAP_SECONDS) {
            throw new IllegalArgumentException("maxMessageSeconds must be 1 to "
                    + MailboxPreferences.MAX_MESSAGE_CAP_SECONDS + " (60 min), got " + maxMessageSeconds);
        }
        if (silenceSeconds < 1 || silenceSeconds > MAX_SILENCE_SECONDS) {
            throw new IllegalArgumentException("silenceSeconds must be 1 to " + MAX_SILENCE_SECONDS + ", got "
                    + silenceSeconds);
        }
    }

    /** {@link #maxMessageSeconds} as a duration. */
    public Duration maxMessage() {
        return Duration.ofSeconds(maxMessageSeconds);
    }

    /** {@link #silenceSeconds} as a duration. */
    public Duration silence() {
        return Duration.ofSeconds(silenceSeconds);
    }
}
