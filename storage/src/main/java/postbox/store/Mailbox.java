package postbox.store;

import java.time.Instant;

/**
 * A mailbox's settings (never its PIN: that stays inside the directory, hashed).
 *
 * @param id          the mailbox number, e.g. {@code 201}
 * @param name        the owner's name, for the admin and dial-by-name
 * @param lockedUntil when a PIN lockout ends; null when not locked
 * @param preferences what the owner or an admin set for this mailbox
 */
public record Mailbox(String id, String name, Instant lockedUntil, MailboxPreferences preferences) {
}
