package postbox.store.file;

import java.time.Instant;

/**
 * The content of {@code mailbox.json}: a mailbox's settings, PIN hashes and lockout state.
 *
 * @param id              the mailbox number
 * @param name            the owner's name
 * @param pinHash         the current PIN, as made by {@link postbox.store.PinHasher}
 * @param previousPinHash the PIN before it, null when never changed
 * @param failures        consecutive wrong PINs
 * @param lockedUntil     when the lockout ends, null when not locked
 */
record MailboxRecord(String id, String name, String pinHash, String previousPinHash, int failures,
                     Instant lockedUntil) {

    MailboxRecord withFailures(int count, Instant until) {
        return new MailboxRecord(id, name, pinHash, previousPinHash, count, until);
    }

    MailboxRecord withName(String newName) {
        return new MailboxRecord(id, newName, pinHash, previousPinHash, failures, lockedUntil);
    }

    MailboxRecord withPin(String newPinHash) {
        return new MailboxRecord(id, name, newPinHash, pinHash, failures, lockedUntil);
    }
}
