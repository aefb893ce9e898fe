package postbox.sip;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The remote party's audio stream after offer/answer: where to send RTP, in which format, and with which SRTP keys.
 * Immutable and thread-safe.
 *
 * @param remote           the address from the SDP {@code c=} and {@code m=} lines (symmetric RTP may
 *                         later override it with the source of the peer's packets)
 * @param codec            the chosen codec's SDP encoding name: {@code PCMU}, {@code PCMA}, {@code G722},
 *                         {@code speex}, {@code opus} (see {@link SdpCodec#encodingName()}; compare ignoring case)
 * @param payloadType      the RTP payload type the peer uses for that codec
 * @param clockRate        the codec's RTP clock rate: 8000 (G.711, G.722 per RFC 3551, narrowband Speex),
 *                         16000 (wideband Speex), 48000 (Opus)
 * @param dtmfPayloadType  the peer's telephone-event payload type, or -1 when it offered none usable
 * @param ptimeMs          packet time in milliseconds (20 unless the peer asked otherwise)
 * @param direction        the peer's direction attribute; a {@code c=0.0.0.0} hold reads as SENDONLY
 * @param fmtp             the peer's {@code a=fmtp} parameters for {@code payloadType} (the text after the payload
 *                         type, e.g. {@code maxplaybackrate=16000; useinbandfec=1}), or "" when it sent none
 * @param dtmfClockRate    the telephone-event clock rate: the chosen codec's RTP clock when the peer offers
 *                         telephone-event at it (48000 with Opus, 16000 with wideband Speex), else 8000; 8000 when
 *                         {@code dtmfPayloadType} is -1
 * @param crypto           the SRTP keys when the stream is RTP/SAVP (SDES), empty for plain RTP/AVP
 */
public record MediaOffer(InetSocketAddress remote, String codec, int payloadType, int clockRate,
                         int dtmfPayloadType, int ptimeMs, MediaDirection direction,
                         String fmtp, int dtmfClockRate, Optional<Crypto> crypto) {

    /** The telephone-event clock when the codec's own rate is not offered for it, and when there is none. */
    public static final int DEFAULT_DTMF_CLOCK_RATE = 8000;

    public MediaOffer {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(fmtp, "fmtp");
        Objects.requireNonNull(crypto, "crypto");
    }

    /**
     * A plain RTP/AVP stream without fmtp, telephone-event (if any) at 8000 Hz: the shape before wideband codecs and
     * SRTP, kept for callers and tests written against it.
     */
    public MediaOffer(InetSocketAddress remote, String codec, int payloadType, int clockRate, int dtmfPayloadType,
                      int ptimeMs, MediaDirection direction) {
        this(remote, codec, payloadType, clockRate, dtmfPayloadType, ptimeMs, direction, "", DEFAULT_DTMF_CLOCK_RATE,
                Optional.empty());
    }
}
