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
 */
public record MailboxEntry(String id, String name, String pinHash, String previousPinHash) {

    /** Checks the id and that the name and current PIN hash are present. */
    public MailboxEntry {
        MailboxId.check(id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pinHash, "pinHash");
        if (pinHash.isEmpty()) {
            throw new IllegalArgumentException("mailbox " + id + " has an empty PIN hash");
        }
    }
}
