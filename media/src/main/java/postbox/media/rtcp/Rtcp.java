package postbox.media.rtcp;

import java.nio.charset.StandardCharsets;

import org.jitsi.util.RTCPUtils;

import postbox.media.LegStats;

/**
 * RTCP compound packets (RFC 3550 section 6): writes a leg's SR (when it sent RTP since its last report) or RR,
 * with a report block on the peer's stream, then an SDES CNAME; reads the peer's SR/RR (walking the compound with
 * libjitsi's {@link RTCPUtils} accessors). Writing is allocation-free; reading allocates the {@link
 * LegStats.PeerReport} it returns. Stateless; the buffers belong to the caller's thread.
 */
public final class Rtcp {
    /** Packet type of a sender report. */
    public static final int SR = 200;
    /** Packet type of a receiver report. */
    public static final int RR = 201;
    /** Packet type of source descriptions. */
    public static final int SDES = 202;
    /** Packet type of a goodbye. */
    public static final int BYE = 203;
    private static final int REPORT_BLOCK = 24;

    private Rtcp() {
    }

    /** A CNAME for an SSRC ({@code postbox-<hex ssrc>}), ASCII bytes. */
    public static byte[] cname(int ssrc) {
        return ("postbox-" + Integer.toHexString(ssrc)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes a compound packet into {@code out} from 0: SR (when {@code sent}: RTP went out since the last report)
     * or RR, with one report block when {@code peer} has started, then SDES CNAME.
     *
     * @param ntp          our NTP time now (SR only)
     * @param rtpTimestamp the RTP timestamp of our stream now (SR only)
     * @param packets      RTP packets we sent in all (SR only)
     * @param octets       payload octets we sent in all (SR only)
     * @return its length in bytes
     */
    public static int write(byte[] out, int ssrc, byte[] cname, boolean sent, long ntp, long rtpTimestamp,
                            long packets, long octets, ReceptionStats peer, long nowNanos) {
        int blocks = peer.started() ? 1 : 0;
        int at = 0;
        int type = sent ? SR : RR;
        int words = 1 + (sent ? 5 : 0) + blocks * REPORT_BLOCK / 4;
        at = header(out, at, blocks, type, words);
        at = putInt(out, at, ssrc);
        if (sent) {
            at = putInt(out, at, (int) (ntp >>> 32));
            at = putInt(out, at, (int) ntp);
            at = putInt(out, at, (int) rtpTimestamp);
            at = putInt(out, at, (int) packets);
            at = putInt(out, at, (int) octets);
        }
        if (blocks == 1) {
            long lost = Math.max(-0x800000, Math.min(0x7FFFFF, peer.lost()));
            at = putInt(out, at, peer.ssrc());
            at = putInt(out, at, peer.takeFractionLost() << 24 | (int) (lost & 0xFFFFFF));
            at = putInt(out, at, (int) peer.extendedHighestSequence());
            at = putInt(out, at, (int) Math.round(peer.jitter()));
            at = putInt(out, at, (int) peer.lastSenderReport());
            at = putInt(out, at, (int) peer.delaySinceLastSenderReport(nowNanos));
        }
        int chunk = 4 + 2 + cname.length + 1;
        int padded = (chunk + 3) & ~3;
        at = header(out, at, 1, SDES, padded / 4);
        at = putInt(out, at, ssrc);
        out[at++] = 1;
        out[at++] = (byte) cname.length;
        System.arraycopy(cname, 0, out, at, cname.length);
        at += cname.length;
        for (int end = at + padded - chunk + 1; at < end; ) {
            out[at++] = 0;
        }
        return at;
    }

    /** Writes a BYE for {@code ssrc} into {@code out} from 0; returns its length. */
    public static int writeBye(byte[] out, int ssrc) {
        int at = header(out, 0, 1, BYE, 1);
        return putInt(out, at, ssrc);
    }

    /** True when the bytes look like RTCP (version 2, packet type 192-223 where RTP has marker and type). */
    public static boolean isRtcp(byte[] packet, int offset, int length) {
        return RTCPUtils.isRtcp(packet, offset, length);
    }

    /** The SSRC of the sender of a compound packet (its first packet's SSRC field). */
    public static int senderSsrc(byte[] packet, int offset) {
        return getInt(packet, offset + 4);
    }

    /**
     * Reads a compound packet of the peer: a sender report is noted in {@code peer} (for LSR/DLSR); a report
     * block about {@code localSsrc} becomes the result.
     *
     * @param clockRate our stream's RTP clock rate (to turn its jitter into milliseconds)
     * @param ntpNow    our NTP time now (for the round trip)
     * @return the peer's report on our stream, or null when the packet carries none (or is malformed)
     */
    public static LegStats.PeerReport read(byte[] packet, int offset, int length, int localSsrc,
                                           ReceptionStats peer, int clockRate, long ntpNow, long nowNanos) {
        LegStats.PeerReport report = null;
        int end = offset + length;
        for (int at = offset; at + 8 <= end; ) {
            int size = RTCPUtils.getLength(packet, at, end - at);
            int type = RTCPUtils.getPacketType(packet, at, end - at);
            if (size < 8 || at + size > end || (packet[at] & 0xC0) != 0x80) {
                return report;
            }
            int count = packet[at] & 0x1F;
            int blocks = -1;
            if (type == SR && size >= 28) {
                peer.onSenderReport(getLong(packet, at + 8), nowNanos);
                blocks = at + 28;
            } else if (type == RR) {
                blocks = at + 8;
            }
            for (int b = 0; blocks >= 0 && b < count && blocks + (b + 1) * REPORT_BLOCK <= at + size; b++) {
                int block = blocks + b * REPORT_BLOCK;
                if (getInt(packet, block) == localSsrc) {
                    report = reportBlock(packet, block, clockRate, ntpNow);
                }
            }
            at += size;
        }
        return report;
    }

    private static LegStats.PeerReport reportBlock(byte[] packet, int block, int clockRate, long ntpNow) {
        int fraction = packet[block + 4] & 0xFF;
        int cumulative = getInt(packet, block + 4) << 8 >> 8;
        long jitter = getInt(packet, block + 12) & 0xFFFFFFFFL;
        long lsr = getInt(packet, block + 16) & 0xFFFFFFFFL;
        long dlsr = getInt(packet, block + 20) & 0xFFFFFFFFL;
        double roundTripMillis = -1;
        if (lsr != 0) {
            long units = (NtpClock.middle(ntpNow) - lsr - dlsr) & 0xFFFFFFFFL;
            roundTripMillis = units < 0x80000000L ? units * 1000.0 / 65536 : -1;
        }
        return new LegStats.PeerReport(fraction / 256.0, cumulative, jitter * 1000.0 / clockRate, roundTripMillis);
    }

    private static int header(byte[] out, int at, int count, int type, int words) {
        out[at] = (byte) (0x80 | count);
        out[at + 1] = (byte) type;
        out[at + 2] = (byte) (words >> 8);
        out[at + 3] = (byte) words;
        return at + 4;
    }

    private static int putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >> 24);
        out[at + 1] = (byte) (value >> 16);
        out[at + 2] = (byte) (value >> 8);
        out[at + 3] = (byte) value;
        return at + 4;
    }

    private static int getInt(byte[] in, int at) {
        return (in[at] & 0xFF) << 24 | (in[at + 1] & 0xFF) << 16 | (in[at + 2] & 0xFF) << 8 | (in[at + 3] & 0xFF);
    }

    private static long getLong(byte[] in, int at) {
        return (long) getInt(in, at) << 32 | (getInt(in, at + 4) & 0xFFFFFFFFL);
    }
}
