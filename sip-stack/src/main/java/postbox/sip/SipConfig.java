package postbox.sip;

import java.util.List;
import java.util.Objects;

/**
 * How the SIP endpoint listens and what it negotiates. Immutable.
 *
 * @param host        the address to bind and to advertise in Via/Contact/SDP origin (e.g. 127.0.0.1)
 * @param port        the port, for UDP and TCP alike; 0 is not allowed (SIP peers need a known port)
 * @param codecs      audio codecs Postbox accepts, in preference order, as tokens of {@link SdpCodecs#known()}
 *                    ({@code PCMU}, {@code PCMA}, {@code G722}, {@code speex/8000}, {@code speex/16000},
 *                    {@code opus}; any case, {@code speex} = {@code speex/8000}); kept in canonical spelling,
 *                    without repeats
 * @param userAgent   the {@code User-Agent} / {@code Server} header value
 * @param srtp        whether RTP/SAVP offers with SDES keys (RFC 4568) are accepted; when false they get 488
 */
public record SipConfig(String host, int port, List<String> codecs, String userAgent, boolean srtp) {

    /**
     * @throws IllegalArgumentException for a port outside 1-65535, no codecs, or unknown codec tokens (the message
     *                                  names them and the known ones)
     */
    public SipConfig {
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("SIP port must be 1-65535, was " + port);
        }
        codecs = SdpCodecs.parse(codecs).tokens();
    }

    /** SRTP accepted: the shape before the {@code srtp} switch. */
    public SipConfig(String host, int port, List<String> codecs, String userAgent) {
        this(host, port, codecs, userAgent, true);
    }

    /** {@link #codecs()} as codecs, most preferred first. */
    public SdpCodecs codecPreference() {
        return SdpCodecs.parse(codecs);
    }
}
