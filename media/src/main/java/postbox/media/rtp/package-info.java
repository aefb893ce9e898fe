/**
 * RTP legs: {@link postbox.media.rtp.RtpLeg} (one call's socket, commands, playback, recording, DTMF, RTP
 * timeout), its socket with preallocated buffers ({@link postbox.media.rtp.RtpSocket}), the port range, the
 * outgoing packetizer and the RFC 4733 {@link postbox.media.rtp.DtmfReceiver}.
 *
 * <p>libjitsi is used here as a toolbox, for what it does well and without allocating: the static RTP
 * accessors of {@code org.jitsi.service.neomedia.RawPacket} ({@code isInvalid}, {@code getVersion},
 * {@code getPayloadType}, {@code getSequenceNumber}, {@code getTimestamp}, {@code getSSRC},
 * {@code isPacketMarked}, {@code getPayloadOffset}, {@code getPayloadLength}) parse incoming packets in place.
 * Its FMJ media-stream pipeline is not used. Outgoing headers are 12 bytes written directly.
 */
package postbox.media.rtp;
