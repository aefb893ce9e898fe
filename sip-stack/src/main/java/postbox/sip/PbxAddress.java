package postbox.sip;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PBX takes Postbox's trunk: host, port and transport, written {@code host:port} (UDP) or
 * {@code host:port;transport=tcp}. Immutable.
 *
 * @param host      the PBX's host name or IPv4 address
 * @param port      its SIP port, 1-65535
 * @param transport the transport to reach it over
 */
public record PbxAddress(String host, int port, Transport transport) {

    private static final Pattern FORM = Pattern.compile(
            "([A-Za-z0-9.\\-]+):(\\d{1,5})(?:;transport=([A-Za-z]+))?");

    public PbxAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a PBX address needs a host");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("a PBX port must be 1-65535, was " + port);
        }
    }

    /**
     * Reads {@code host:port} or {@code host:port;transport=udp|tcp}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong and the expected form
     */
    public static PbxAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a PBX address: write host:port, or "
                    + "host:port;transport=tcp (e.g. 127.0.0.1:5080)");
        }
        Transport transport = Transport.UDP;
        if (matcher.group(3) != null) {
            try {
                transport = Transport.valueOf(matcher.group(3).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' names transport '" + matcher.group(3)
                        + "': a PBX is reached over udp or tcp", e);
            }
        }
        return new PbxAddress(matcher.group(1), Integer.parseInt(matcher.group(2)), transport);
    }

    /** The same form {@link #parse} reads: {@code host:port}, plus {@code ;transport=tcp} over TCP. */
    @Override
    public String toString() {
        return host + ":" + port + (transport == Transport.UDP ? "" : ";transport=" + transport.token());
    }
}
