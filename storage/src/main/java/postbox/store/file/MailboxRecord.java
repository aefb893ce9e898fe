package postbox.store.file;

import java.time.Instant;
import postbox.store.MailboxPreferences;

/**
 * The content of {@code mailbox.json}: a mailbox's settings, PIN hashes and lockout state.
 *
 * @param id              the mailbox number
 * @param name            the owner's name
 * @param pinHash         the current PIN, as made by {@link postbox.store.PinHasher}
 * @param previousPinHash the PIN before it, null when never changed
 * @param failures        consecutive wrong PINs
 * @param lockedUntil     when the lockout ends, null when not locked
 * @param preferences     the mailbox's preferences ({@link MailboxPreferences#NONE} when the file has none)
 */
record MailboxRecord(String id, String name, String pinHash, String previousPinHash, int failures,
                     Instant lockedUntil, MailboxPreferences preferences) {

    MailboxRecord {
        preferences = preferences == null ? MailboxPreferences.NONE : preferences;
    }

    MailboxRecord withFailures(int count, Instant until) {
        return new MailboxRecord(id, name, pinHash, previousPinHash, count, until, preferences);
    }

    MailboxRecord withName(String newName) {
        return new MailboxRecord(id, newName, pinHash, previousPinHash, failures, lockedUntil, preferences);
    }

    MailboxRecord withPin(String newPinHash) {
        return new MailboxRecord(id, name, newPinHash, pinHash, failures, lockedUntil, preferences);
    }

    MailboxRecord withPreferences(MailboxPreferences newPreferences) {
        return new MailboxRecord(id, name, pinHash, previousPinHash, failures, lockedUntil, newPreferences);
    }
}
