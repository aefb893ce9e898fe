package postbox.sip;

import java.net.InetSocketAddress;

/**
 * The remote party's audio stream after offer/answer: where to send RTP and in which format. Immutable.
 *
 * @param remote           the address from the SDP {@code c=} and {@code m=} lines (symmetric RTP may
 *                         later override it with the source of the peer's packets)
 * @param codec            the chosen codec's encoding name, e.g. {@code PCMU}
 * @param payloadType      the RTP payload type the peer uses for that codec
 * @param clockRate        the codec's RTP clock rate
 * @param dtmfPayloadType  the peer's telephone-event payload type, or -1 when it offered none
 * @param ptimeMs          packet time in milliseconds (20 unless the peer asked otherwise)
 * @param direction        the peer's direction attribute; a {@code c=0.0.0.0} hold reads as SENDONLY
 */
public record MediaOffer(InetSocketAddress remote, String codec, int payloadType, int clockRate,
                         int dtmfPayloadType, int ptimeMs, MediaDirection direction) {
}
