package postbox.media;

import java.net.InetSocketAddress;

/**
 * Where and how a leg sends and receives RTP, as negotiated in SDP.
 *
 * @param address          the peer's RTP address from SDP (symmetric RTP switches to the source of the peer's
 *                         packets once they arrive)
 * @param codec            the encoding name: {@code PCMU} or {@code PCMA}
 * @param payloadType      the payload type for that codec
 * @param dtmfPayloadType  the RFC 4733 telephone-event payload type, or -1 for none
 * @param send             false while the peer holds us ({@code recvonly}/{@code inactive} from its side):
 *                         nothing is sent, the playback still advances
 * @param receive          false while the peer sends nothing ({@code sendonly}/{@code inactive} on hold)
 */
public record RemoteMedia(InetSocketAddress address, String codec, int payloadType, int dtmfPayloadType,
                          boolean send, boolean receive) {
}
