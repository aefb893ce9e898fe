package postbox.media.rtp;

/**
 * RFC 4733 telephone-event receiver: turns events 0-15 ({@code 0-9 * # A-D}) into keys. A key is reported once,
 * at the first packet of a new event (a new RTP timestamp), whether that is the start packet or, when the start
 * was lost, a continuation or end packet; continuation packets and the retransmitted end packets of the same
 * event are not reported again. Other events (flash, tones) are ignored. Tick thread only; allocation-free.
 */
public final class DtmfReceiver {
    private static final String KEYS = "0123456789*#ABCD";

    private boolean seen;
    private long lastTimestamp;

    /**
     * @param payload   the packet's bytes
     * @param offset    where the telephone-event payload starts
     * @param length    payload length (4 bytes per event block)
     * @param timestamp the packet's RTP timestamp (the event's start)
     * @return the event code (0-15) of the key this packet starts, or -1 when it starts none
     */
    public int receive(byte[] payload, int offset, int length, long timestamp) {
        if (length < 4 || (seen && timestamp == lastTimestamp)) {
            return -1;
        }
        seen = true;
        lastTimestamp = timestamp;
        int event = payload[offset] & 0xFF;
        return event < KEYS.length() ? event : -1;
    }

    /** Forgets the last event (a re-INVITE changed the codec or DTMF mode). */
    public void reset() {
        seen = false;
    }

    /** The key of an event code 0-15. */
    public static char key(int eventCode) {
        return KEYS.charAt(eventCode);
    }

    /** The RFC 4733 event code of a key ({@code 0-9 * # A-D}). */
    public static int eventCode(char key) {
        int code = KEYS.indexOf(Character.toUpperCase(key));
        if (code < 0) {
            throw new IllegalArgumentException("'" + key + "' is not a DTMF key (0-9 * # A-D)");
        }
        return code;
    }
}
