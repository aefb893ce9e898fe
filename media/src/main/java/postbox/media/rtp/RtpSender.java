package postbox.media.rtp;

import java.net.InetSocketAddress;

import postbox.media.Frames;
import postbox.media.codec.G711;

/**
 * A leg's outgoing RTP stream: one packet per tick, random SSRC, sequence +1 and timestamp +160 per packet,
 * marker on the first packet after (re)starting to send; while not sending the timestamp still advances.
 * Tick thread only; allocation-free.
 */
final class RtpSender {
    private static final int HEADER = 12;

    private final byte[] packet = new byte[HEADER + Frames.SAMPLES];
    private final int ssrc;
    private int sequence;
    private long timestamp;
    private boolean marker = true;

    RtpSender(int ssrc, int firstSequence, long firstTimestamp) {
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xFFFF;
        this.timestamp = firstTimestamp & 0xFFFFFFFFL;
    }

    /**
     * Encodes and sends one frame.
     *
     * @return false when the socket refused the packet
     */
    boolean send(short[] frame, G711 codec, int payloadType, RtpSocket socket, InetSocketAddress target) {
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[4] = (byte) (timestamp >> 24);
        packet[5] = (byte) (timestamp >> 16);
        packet[6] = (byte) (timestamp >> 8);
        packet[7] = (byte) timestamp;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
        codec.encode(frame, 0, packet, HEADER, Frames.SAMPLES);
        marker = false;
        sequence = (sequence + 1) & 0xFFFF;
        advance();
        return socket.send(packet, packet.length, target);
    }

    /** Lets one frame's time pass without sending; the next packet sent carries the marker. */
    void skip() {
        marker = true;
        advance();
    }

    private void advance() {
        timestamp = (timestamp + Frames.SAMPLES) & 0xFFFFFFFFL;
    }
}
