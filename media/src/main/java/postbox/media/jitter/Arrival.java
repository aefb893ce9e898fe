package postbox.media.jitter;

/** What a {@link JitterBuffer} did with a packet. */
public enum Arrival {
    /** Slotted in order. */
    ACCEPTED,
    /** Slotted, but it came after a packet with a higher sequence number. */
    REORDERED,
    /** Dropped: this sequence number was already received. */
    DUPLICATE,
    /** Dropped: its playout time has passed. */
    LATE,
    /** The buffer re-synced on this packet (new SSRC, timestamp jump, marker after a gap) and slotted it. */
    RESYNC
}
