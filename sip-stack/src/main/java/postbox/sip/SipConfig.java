package postbox.sip;

import java.util.List;
import java.util.Objects;

/**
 * How the SIP endpoint listens. Immutable.
 *
 * @param host        the address to bind and to advertise in Via/Contact/SDP origin (e.g. 127.0.0.1)
 * @param port        the port, for UDP and TCP alike; 0 is not allowed (SIP peers need a known port)
 * @param codecs      audio encoding names Postbox accepts, in preference order ({@code PCMU}, {@code PCMA})
 * @param userAgent   the {@code User-Agent} / {@code Server} header value
 */
public record SipConfig(String host, int port, List<String> codecs, String userAgent) {
    public SipConfig {
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("SIP port must be 1-65535, was " + port);
        }
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is needed");
        }
    }
}
