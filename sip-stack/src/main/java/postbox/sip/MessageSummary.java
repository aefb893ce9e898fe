package postbox.sip;

/**
 * A mailbox's message counts as MWI carries them (RFC 3842 {@code Voice-Message: new/old}). Immutable.
 *
 * @param newMessages  messages not heard yet
 * @param oldMessages  messages heard and kept (old and saved)
 */
public record MessageSummary(int newMessages, int oldMessages) {

    public MessageSummary {
        if (newMessages < 0 || oldMessages < 0) {
            throw new IllegalArgumentException("message counts cannot be negative: " + newMessages + "/"
                    + oldMessages);
        }
    }

    /** Whether the lamp is lit: there are new messages. */
    public boolean waiting() {
        return newMessages > 0;
    }

    /** Whether the mailbox has any message at all. */
    public boolean any() {
        return newMessages > 0 || oldMessages > 0;
    }

    /** The {@code application/simple-message-summary} body for the account URI (RFC 3842 section 5). */
    String body(String account) {
        return "Messages-Waiting: " + (waiting() ? "yes" : "no") + "\r\n"
                + "Message-Account: " + account + "\r\n"
                + "Voice-Message: " + newMessages + "/" + oldMessages + "\r\n";
    }
}
