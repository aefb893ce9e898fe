package postbox.sip;

/** Postbox's handle on one call's dialog. Thread-safe; its methods return at once. */
public interface CallControl {

    /** The SIP Call-ID. */
    String callId();

    /** Ends the call: BYE once established, or a final 480 response before that. Idempotent. */
    void hangup();
}
