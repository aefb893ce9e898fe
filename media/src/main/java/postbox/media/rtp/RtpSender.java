package postbox.media.rtp;

import java.net.InetSocketAddress;

import postbox.media.codec.Codec;
import postbox.media.srtp.PacketBuffer;
import postbox.media.srtp.SrtpSession;

/**
 * A leg's outgoing RTP stream: one packet per tick, random SSRC, sequence +1 per packet and the timestamp
 * advancing by the codec's 20 ms step ({@code clockRate / 50}) per tick, marker on the first packet after
 * (re)starting to send; while not sending the timestamp still advances. Audio frames are encoded in place;
 * RFC 4733 telephone-event packets carry the event's start timestamp. Protected with SRTP when the call has keys.
 * Counts what it sent for sender reports. Tick thread only; allocation-free (SRTP aside).
 */
final class RtpSender {
    private static final int HEADER = 12;

    private final byte[] packet = new byte[HEADER + Codec.MAX_PAYLOAD + SrtpSession.MAX_OVERHEAD];
    private final PacketBuffer buffer = new PacketBuffer(packet);
    private final int ssrc;
    private int sequence;
    private long timestamp;
    private boolean marker = true;
    private long packetsSent;
    private long octetsSent;
    private boolean sentSinceReport;

    RtpSender(int ssrc, int firstSequence, long firstTimestamp) {
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xFFFF;
        this.timestamp = firstTimestamp & 0xFFFFFFFFL;
    }

    /** This stream's SSRC. */
    int ssrc() {
        return ssrc;
    }

    /** The RTP timestamp of the current tick's frame. */
    long timestamp() {
        return timestamp;
    }

    /**
     * Encodes and sends one frame, then moves on one tick.
     *
     * @return false when the packet could not be protected or the socket refused it
     */
    boolean sendAudio(short[] frame, Codec codec, int payloadType, SrtpSession srtp, RtpSocket socket,
                      InetSocketAddress target) {
        header(payloadType, marker, timestamp);
        int length = HEADER + codec.encode(frame, packet, HEADER);
        marker = false;
        boolean sent = send(length, srtp, socket, target);
        advance(codec.format().timestampStep());
        return sent;
    }

    /**
     * Sends one RFC 4733 telephone-event packet (the stream does not move on: call {@link #advance} once per tick).
     *
     * @param start     the event's first packet (marker set)
     * @param eventTimestamp the RTP timestamp of the event's start
     * @param duration  the event's duration so far, in telephone-event clock units
     */
    boolean sendEvent(int payloadType, boolean start, long eventTimestamp, int event, boolean end, int duration,
                      SrtpSession srtp, RtpSocket socket, InetSocketAddress target) {
        header(payloadType, start, eventTimestamp);
        packet[HEADER] = (byte) event;
        packet[HEADER + 1] = (byte) ((end ? 0x80 : 0) | DigitSender.VOLUME);
        packet[HEADER + 2] = (byte) (duration >> 8);
        packet[HEADER + 3] = (byte) duration;
        marker = false;
        return send(HEADER + 4, srtp, socket, target);
    }

    /** Lets one frame's time pass without sending; the next audio packet sent carries the marker. */
    void skip(int timestampStep) {
        marker = true;
        advance(timestampStep);
    }

    /** Moves the timestamp on by one frame. */
    void advance(int timestampStep) {
        timestamp = (timestamp + timestampStep) & 0xFFFFFFFFL;
    }

    /** RTP packets sent so far (the SR's packet count). */
    long packetsSent() {
        return packetsSent;
    }

    /** Payload octets sent so far (the SR's octet count). */
    long octetsSent() {
        return octetsSent;
    }

    /** True when something was sent since the last call (the next report is an SR). */
    boolean takeSentSinceReport() {
        boolean sent = sentSinceReport;
        sentSinceReport = false;
        return sent;
    }

    private void header(int payloadType, boolean mark, long rtpTimestamp) {
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((mark ? 0x80 : 0) | (payloadType & 0x7F));
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[4] = (byte) (rtpTimestamp >> 24);
        packet[5] = (byte) (rtpTimestamp >> 16);
        packet[6] = (byte) (rtpTimestamp >> 8);
        packet[7] = (byte) rtpTimestamp;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
        sequence = (sequence + 1) & 0xFFFF;
    }

    private boolean send(int length, SrtpSession srtp, RtpSocket socket, InetSocketAddress target) {
        packetsSent++;
        octetsSent += length - HEADER;
        sentSinceReport = true;
        if (srtp != null) {
            if (!srtp.protectRtp(buffer.set(0, length))) {
                return false;
            }
            length = buffer.getLength();
        }
        return socket.send(packet, length, target);
    }
}
