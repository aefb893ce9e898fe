package postbox.store;

/** The result of checking a PIN. */
public enum PinCheck {
    /** Right PIN: the failure counter is reset. */
    OK,
    /** Wrong PIN: counted; the fifth consecutive failure locks the mailbox. */
    WRONG,
    /** The mailbox is locked (too many failures); the PIN was not even checked. */
    LOCKED,
    /** No such mailbox. */
    NO_MAILBOX
}
