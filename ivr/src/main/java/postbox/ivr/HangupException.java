package postbox.ivr;

/**
 * The call ended (the caller hung up, media stopped arriving, or the flow itself hung up) while a flow was
 * blocked on it or tried to use it. Unchecked so that flows stay straight-line code; the thread that runs a
 * flow treats it as a normal end of the call. Thread-safe (immutable).
 */
public final class HangupException extends RuntimeException {

    /** Creates the exception; {@code reason} says why the call ended, e.g. "caller hung up". */
    public HangupException(String reason) {
        super(reason, null, false, false);
    }
}
