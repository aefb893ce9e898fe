package postbox.sip;

import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import postbox.sip.Negotiation.OfferedStream;

/**
 * Postbox's side of one call's SDP: a fixed session id and local media port, and a version that goes up by one
 * with every description sent (RFC 3264 section 8). Writes answers (direction mirrored: the peer's
 * {@code sendonly} is our {@code recvonly}, and so on) and offers: for a re-INVITE without SDP the current stream,
 * for an INVITE without SDP every codec Postbox takes. The audio
 * m-line carries the chosen codec with its rtpmap (and Postbox's fmtp for it, see {@link SdpCodec#answerFmtp()}),
 * telephone-event at the peer's clock for it, ptime 20, and for an SRTP stream {@code RTP/SAVP} with one
 * {@code a=crypto} line: the peer's tag and suite with Postbox's own key. Thread-safe.
 */
final class LocalSdp {

    /** The packet time of Postbox's streams. */
    static final int PTIME_MS = 20;
    /** The first payload type Postbox's own offers give a codec without a static one. */
    static final int FIRST_DYNAMIC_PAYLOAD_TYPE = 96;
    /** The telephone-event payload type of Postbox's own offers. */
    static final int OFFERED_DTMF_PAYLOAD_TYPE = 101;

    private final String host;
    private final InetSocketAddress localMedia;
    private final long sessionId;
    private long version;

    /**
     * @param host       the address advertised in {@code o=} and {@code c=}
     * @param localMedia where Postbox receives this call's RTP (its port goes into {@code m=})
     * @param sessionId  the {@code o=} session id, fixed for the call
     */
    LocalSdp(String host, InetSocketAddress localMedia, long sessionId) {
        this.host = host;
        this.localMedia = localMedia;
        this.sessionId = sessionId;
        this.version = sessionId;
    }

    /** The answer to an agreed offer: every offered m-line in order, all but the chosen audio one rejected. */
    synchronized String answer(Negotiation.Agreed agreed) {
        StringBuilder sdp = header();
        List<OfferedStream> streams = agreed.streams();
        for (int i = 0; i < streams.size(); i++) {
            if (i == agreed.audioIndex()) {
                audio(sdp, agreed.media(), mirror(agreed.media().direction()));
            } else {
                OfferedStream rejected = streams.get(i);
                sdp.append("m=").append(rejected.mediaType()).append(" 0 ").append(rejected.protocol()).append(' ')
                        .append(rejected.firstFormat()).append("\r\n");
            }
        }
        return sdp.toString();
    }

    /** An offer of the call's current codec and DTMF, {@code sendrecv}: for a re-INVITE that carried no SDP. */
    synchronized String offer(MediaOffer current) {
        StringBuilder sdp = header();
        audio(sdp, current, MediaDirection.SENDRECV);
        return sdp.toString();
    }

    /**
     * The first offer of a call whose INVITE carried no SDP (delayed offer, RFC 3261 section 13.2.1): every codec
     * Postbox takes in preference order (dynamic payload types from 96), telephone-event/8000 as 101, ptime 20,
     * {@code sendrecv}, plain {@code RTP/AVP}.
     */
    synchronized String offer(SdpCodecs preference) {
        StringBuilder sdp = header();
        StringBuilder formats = new StringBuilder();
        StringBuilder attributes = new StringBuilder();
        int dynamic = FIRST_DYNAMIC_PAYLOAD_TYPE;
        for (SdpCodec codec : preference.preference()) {
            int pt = codec.staticPayloadType() >= 0 ? codec.staticPayloadType() : dynamic++;
            formats.append(' ').append(pt);
            attributes.append("a=rtpmap:").append(pt).append(' ').append(codec.rtpmap()).append("\r\n");
            if (!codec.answerFmtp().isEmpty()) {
                attributes.append("a=fmtp:").append(pt).append(' ').append(codec.answerFmtp()).append("\r\n");
            }
        }
        sdp.append("m=audio ").append(localMedia.getPort()).append(" RTP/AVP").append(formats).append(' ')
                .append(OFFERED_DTMF_PAYLOAD_TYPE).append("\r\n").append(attributes)
                .append("a=rtpmap:").append(OFFERED_DTMF_PAYLOAD_TYPE).append(" telephone-event/")
                .append(MediaOffer.DEFAULT_DTMF_CLOCK_RATE).append("\r\n")
                .append("a=fmtp:").append(OFFERED_DTMF_PAYLOAD_TYPE).append(" 0-16\r\n")
                .append("a=ptime:").append(PTIME_MS).append("\r\n")
                .append("a=sendrecv\r\n");
        return sdp.toString();
    }

    /** The direction Postbox answers with, given the peer's (RFC 3264 section 6.1). */
    static MediaDirection mirror(MediaDirection remote) {
        return switch (remote) {
            case SENDONLY -> MediaDirection.RECVONLY;
            case RECVONLY -> MediaDirection.SENDONLY;
            case SENDRECV, INACTIVE -> remote;
        };
    }

    private StringBuilder header() {
        version++;
        return new StringBuilder(256)
                .append("v=0\r\n")
                .append("o=postbox ").append(sessionId).append(' ').append(version).append(" IN IP4 ").append(host)
                .append("\r\n")
                .append("s=Postbox\r\n")
                .append("c=IN IP4 ").append(host).append("\r\n")
                .append("t=0 0\r\n");
    }

    private void audio(StringBuilder sdp, MediaOffer media, MediaDirection direction) {
        int pt = media.payloadType();
        int dtmf = media.dtmfPayloadType();
        String protocol = media.crypto().isPresent() ? "RTP/SAVP" : "RTP/AVP";
        sdp.append("m=audio ").append(localMedia.getPort()).append(' ').append(protocol).append(' ').append(pt);
        if (dtmf >= 0) {
            sdp.append(' ').append(dtmf);
        }
        sdp.append("\r\n");
        Optional<SdpCodec> codec = SdpCodec.of(media.codec(), media.clockRate());
        sdp.append("a=rtpmap:").append(pt).append(' ')
                .append(codec.map(SdpCodec::rtpmap).orElse(media.codec() + "/" + media.clockRate())).append("\r\n");
        String fmtp = codec.map(SdpCodec::answerFmtp).orElse("");
        if (!fmtp.isEmpty()) {
            sdp.append("a=fmtp:").append(pt).append(' ').append(fmtp).append("\r\n");
        }
        if (dtmf >= 0) {
            sdp.append("a=rtpmap:").append(dtmf).append(" telephone-event/").append(media.dtmfClockRate())
                    .append("\r\n");
            sdp.append("a=fmtp:").append(dtmf).append(" 0-16\r\n");
        }
        sdp.append("a=ptime:").append(PTIME_MS).append("\r\n");
        sdp.append("a=").append(direction.name().toLowerCase(Locale.ROOT)).append("\r\n");
        media.crypto().ifPresent(crypto -> sdp.append("a=crypto:").append(crypto.tag()).append(' ')
                .append(crypto.suite()).append(" inline:")
                .append(Base64.getEncoder().encodeToString(crypto.localKeySalt())).append("\r\n"));
    }
}
