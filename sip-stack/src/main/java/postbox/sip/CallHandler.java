package postbox.sip;

/**
 * The server's side of incoming calls. {@link #onInvite} runs on a JAIN-SIP thread: it must decide at once
 * (no blocking, no file or network I/O beyond binding a socket) and start any call flow on its own thread.
 */
@FunctionalInterface
public interface CallHandler {

    /**
     * Decides what to do with a new call whose media offer was already negotiated (an offer with no common
     * codec never gets here: the stack answers 488 itself).
     *
     * @param call    the call
     * @param control the call's handle, valid for its whole life
     * @return accept (with where to send media) or reject
     */
    Answer onInvite(IncomingCall call, CallControl control);
}
