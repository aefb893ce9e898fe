package postbox.store;

import java.util.List;
import java.util.Optional;

/**
 * Mailboxes and their PINs (salted, slow-hashed). Thread-safe. PIN rules (SPEC section 4): 4-15 digits, not the
 * mailbox number, not the previous PIN, no runs of one digit, no straight sequences; a breach throws
 * {@link IllegalArgumentException} with a sentence saying which rule ({@link PinPolicy}).
 *
 * <p>Ids that are not a valid {@link MailboxId} are refused with {@link IllegalArgumentException} by the writing
 * methods, and simply not found by {@link #find} and {@link #verifyPin}; {@link #changePin}, {@link #unlock}, {@link #setPreferences} and
 * {@link #delete} throw {@link java.util.NoSuchElementException} for a mailbox that does not exist. Failures to
 * persist surface as {@link java.io.UncheckedIOException}.
 */
public interface MailboxDirectory {

    Optional<Mailbox> find(String id);

    /** All mailboxes, by id. */
    List<Mailbox> list();

    /** Creates a mailbox; throws {@link IllegalArgumentException} when it exists or the PIN breaks a rule. */
    Mailbox create(String id, String name, String pin);

    /** Checks a PIN, counting failures: five in a row lock the mailbox for 15 minutes. */
    PinCheck verifyPin(String id, String pin);

    /** Sets a new PIN (rules apply, including "not the previous PIN"). */
    void changePin(String id, String newPin);

    /** Clears a lockout and the failure counter (admin). */
    void unlock(String id);

    /** Removes a mailbox (its messages are the message store's business). */
    void delete(String id);

    /** Sets the owner's name; throws {@link java.util.NoSuchElementException} for an unknown mailbox. */
    void rename(String id, String name);

    /**
     * Sets the mailbox's preferences, replacing all of them; throws {@link java.util.NoSuchElementException} for an
     * unknown mailbox.
     */
    void setPreferences(String id, MailboxPreferences preferences);

    /** The mailbox's configuration as it is synced to other nodes; empty for an unknown or invalid id. */
    Optional<MailboxEntry> export(String id);

    /**
     * Creates or replaces a mailbox from a synced entry: the name and PIN hashes are taken as they are (no PIN
     * rules); the local failure counter and lockout of an existing mailbox are kept. Restoring what is already
     * there changes nothing and tells no listener.
     */
    void restore(MailboxEntry entry);

    /** Adds a listener told of every change of a mailbox's configuration from now on (see {@link DirectoryListener}). */
    void addListener(DirectoryListener listener);
}
