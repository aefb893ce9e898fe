package postbox.store;

import java.util.Objects;

/**
 * A mailbox's configuration as it is synced from the primary to the backup: what both nodes must agree on. The
 * failure counter and lockout are not part of it: they stay local to each node. Immutable.
 *
 * @param id              the mailbox number (a valid {@link MailboxId})
 * @param name            the owner's name
 * @param pinHash         the current PIN, as made by {@link PinHasher}
 * @param previousPinHash the PIN before it, null when never changed
 * @param preferences     the mailbox's preferences ({@link MailboxPreferences#NONE} when absent from the JSON of an
 *                        older node)
 */
public record MailboxEntry(String id, String name, String pinHash, String previousPinHash,
                           MailboxPreferences preferences) {

    /** Checks the id and that the name and current PIN hash are present. */
    public MailboxEntry {
        preferences = preferences == null ? MailboxPreferences.NONE : preferences;
        MailboxId.check(id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pinHash, "pinHash");
        if (pinHash.isEmpty()) {
            throw new IllegalArgumentException("mailbox " + id + " has an empty PIN hash");
        }
    }

    /** An entry with no preferences set. */
    public MailboxEntry(String id, String name, String pinHash, String previousPinHash) {
        this(id, name, pinHash, previousPinHash, MailboxPreferences.NONE);
    }
}
