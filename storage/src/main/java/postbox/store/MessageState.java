package postbox.store;

/** The life of a message: new until heard, then old; saved on request; deleted stays recoverable until housekeeping. */
public enum MessageState {
    NEW, OLD, SAVED, DELETED
}
