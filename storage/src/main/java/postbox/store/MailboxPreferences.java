package postbox.store;

import java.time.Duration;
import java.util.Optional;

/**
 * What a mailbox's owner or an admin sets for one mailbox, synced from the primary to the backup with the rest of
 * the mailbox's configuration. Immutable.
 *
 * @param maxMessageSeconds the longest message callers may leave in this mailbox, 1 to 3600 (SPEC: the mailbox cap
 *                          is 60 min); null to use the node's call-flow setting
 * @param reception         where {@code 0} during the greeting transfers the caller (SPEC section 3: "reception"), a
 *                          number the PBX knows (1-32 of {@code 0-9 A-Z a-z * # + . _ -}); null: {@code 0} does nothing
 */
public record MailboxPreferences(Integer maxMessageSeconds, String reception) {

    /** The mailbox cap of SPEC section 3: 60 minutes. */
    public static final int MAX_MESSAGE_CAP_SECONDS = 3600;

    /** Nothing set: every call-flow setting applies. */
    public static final MailboxPreferences NONE = new MailboxPreferences(null, null);

    /** Checks the ranges; a breach throws {@link IllegalArgumentException} naming the field. */
    public MailboxPreferences {
        if (maxMessageSeconds != null && (maxMessageSeconds < 1 || maxMessageSeconds > MAX_MESSAGE_CAP_SECONDS)) {
            throw new IllegalArgumentException("maxMessageSeconds must be 1 to " + MAX_MESSAGE_CAP_SECONDS
                    + " (60 min), or null for the node's setting; got " + maxMessageSeconds);
        }
        if (reception != null && !reception.matches("[0-9A-Za-z*#+._-]{1,32}")) {
            throw new IllegalArgumentException("reception must be a number the PBX knows (1-32 of 0-9 A-Z a-z * # + . _ -),"
                    + " or null for none; got '" + reception + "'");
        }
    }

    /** Only a maximum message length. */
    public MailboxPreferences(Integer maxMessageSeconds) {
        this(maxMessageSeconds, null);
    }

    /** {@link #reception}, when set. */
    public Optional<String> receptionNumber() {
        return Optional.ofNullable(reception);
    }

    /** {@link #maxMessageSeconds} as a duration, when set. */
    public Optional<Duration> maxMessage() {
        return Optional.ofNullable(maxMessageSeconds).map(Duration::ofSeconds);
    }
}
