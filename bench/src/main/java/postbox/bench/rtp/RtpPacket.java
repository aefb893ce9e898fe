package postbox.bench.rtp;

import java.nio.ByteBuffer;

import postbox.bench.audio.FrameMark;
import postbox.bench.audio.MuLaw;

/**
 * The RTP packets of the benchmark: a 12-byte header (version 2, no CSRC, no extension) and 160 bytes of PCMU
 * carrying a {@link FrameMark} frame. Stateless, thread-safe, allocation-free.
 */
public final class RtpPacket {
    /** Header bytes. */
    public static final int HEADER = 12;
    /** Header and one 20 ms PCMU payload. */
    public static final int LENGTH = HEADER + FrameMark.SAMPLES;
    /** PCMU's static payload type. */
    public static final int PCMU = 0;

    private RtpPacket() {
    }

    /**
     * Writes one packet of call {@code call}'s frame number {@code counter} into {@code out[0, LENGTH)}, using
     * {@code pcm} (160 samples) as scratch.
     */
    public static void write(byte[] out, short[] pcm, boolean marker, int sequence, long timestamp, int ssrc,
                             int call, int counter) {
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | PCMU);
        out[2] = (byte) (sequence >> 8);
        out[3] = (byte) sequence;
        out[4] = (byte) (timestamp >> 24);
        out[5] = (byte) (timestamp >> 16);
        out[6] = (byte) (timestamp >> 8);
        out[7] = (byte) timestamp;
        out[8] = (byte) (ssrc >> 24);
        out[9] = (byte) (ssrc >> 16);
        out[10] = (byte) (ssrc >> 8);
        out[11] = (byte) ssrc;
        FrameMark.write(call, counter, pcm);
        MuLaw.encode(pcm, FrameMark.SAMPLES, out, HEADER);
    }

    /**
     * True when {@code packet[0, length)} looks like an RTP packet: version 2, a full header, and not RTCP (whose
     * packet types 192-223 sit where RTP's marker and payload type are, RFC 5761).
     */
    public static boolean isRtp(ByteBuffer packet, int length) {
        int type = packet.get(1) & 0xFF;
        return length >= HEADER && (packet.get(0) & 0xC0) == 0x80 && (type < 192 || type > 223);
    }

    /** The sequence number (0..65535) of the packet in {@code packet} (absolute positions). */
    public static int sequence(ByteBuffer packet) {
        return ((packet.get(2) & 0xFF) << 8) | (packet.get(3) & 0xFF);
    }
}
