package postbox.server.config;

import java.net.InetSocketAddress;

/**
 * A {@code HOST:PORT} pair as written in configs and flags. Parsing does no DNS lookup.
 *
 * @param host a host name or IPv4 address
 * @param port 1-65535
 */
public record HostPort(String host, int port) {

    /** Parses {@code HOST:PORT}; throws {@link IllegalArgumentException} with a sentence saying what is wrong. */
    public static HostPort parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected HOST:PORT, got nothing");
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon).trim();
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT with a numeric port, got '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port + " in '" + text + "'");
        }
        return new HostPort(host, port);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
