package postbox.sip;

/**
 * What happens to an accepted call after the answer. Called on JAIN-SIP threads: implementations must
 * return at once (post to a queue; never block, never do I/O).
 */
public interface CallListener {

    /** The ACK for our 200 OK arrived: media may flow both ways. */
    void onEstablished();

    /** A re-INVITE changed the remote media (hold: {@code sendonly}/{@code inactive}; resume; new address). */
    void onMediaChanged(MediaOffer media);

    /** The dialog is over; called exactly once. */
    void onEnded(EndReason reason);
}
