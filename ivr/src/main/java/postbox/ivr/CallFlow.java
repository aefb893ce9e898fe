package postbox.ivr;

/**
 * What happens on a call, written as straight-line code against {@link Call}. Blocking, on the call's own thread.
 * A flow returns when it is done with the call (having said goodbye and called {@link Call#hangup()}), or throws
 * {@link HangupException} when the caller went away first; both are normal ends of a call.
 */
@FunctionalInterface
public interface CallFlow {

    /** Runs the flow to its end on the calling thread. */
    void run(Call call);
}
