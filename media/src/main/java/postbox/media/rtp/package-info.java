/**
 * RTP legs: {@link postbox.media.rtp.RtpLeg} (one call's sockets, commands, codec, playback, recording, DTMF both
 * ways, RTCP, SRTP, RTP timeout), its sockets with preallocated buffers ({@link postbox.media.rtp.RtpSocket}, an
 * even RTP port and the RTCP port above it: {@link postbox.media.rtp.SocketPair},
 * {@link postbox.media.rtp.PortRange}), the outgoing packetizer, the RFC 4733 {@link postbox.media.rtp.DtmfReceiver}
 * and the sender of keys (RFC 4733 events or tones in band).
 *
 * <p>libjitsi is used here as a toolbox, for what it does well and without allocating: the static RTP
 * accessors of {@code org.jitsi.service.neomedia.RawPacket} ({@code isInvalid}, {@code getVersion},
 * {@code getPayloadType}, {@code getSequenceNumber}, {@code getTimestamp}, {@code getSSRC},
 * {@code isPacketMarked}, {@code getPayloadOffset}, {@code getPayloadLength}) parse incoming packets in place;
 * {@code org.jitsi.srtp} protects them; {@code org.jitsi.util.RTCPUtils} walks RTCP compounds. Its FMJ media-stream
 * pipeline is not used. Outgoing headers are 12 bytes written directly.
 */
package postbox.media.rtp;
