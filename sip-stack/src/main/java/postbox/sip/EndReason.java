package postbox.sip;

/** How a call's dialog ended. Immutable. */
public enum EndReason {
    /** The peer sent BYE. */
    REMOTE_BYE,
    /** The caller cancelled before the call was answered. */
    CANCELLED,
    /** Postbox hung up ({@link CallControl#hangup()}). */
    LOCAL_BYE,
    /** The 200 OK was never acknowledged, or a transaction timed out. */
    TIMEOUT,
    /** A transport or protocol error ended the dialog. */
    ERROR
}
