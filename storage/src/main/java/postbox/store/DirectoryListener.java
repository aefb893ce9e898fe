package postbox.store;

/**
 * Told when a mailbox's configuration ({@link MailboxEntry}) may have changed: after a create, a PIN change, a name
 * change, a change of preferences, a restore or a delete, never after PIN checks or unlocks (those change only
 * node-local state). Called on the thread that made the change, after it is durable; must return at once.
 */
@FunctionalInterface
public interface DirectoryListener {

    /** Mailbox {@code id} was created, changed or deleted ({@link MailboxDirectory#export} says which). */
    void mailboxChanged(String id);
}
