package postbox.server.nats;

import java.nio.file.Path;
import java.util.Optional;
import postbox.server.config.HostPort;

/**
 * The nats-server configuration of one site, so that nobody has to hand-write it ({@code bin/postbox nats-config}).
 * Three shapes: {@link Kind#SINGLE} (one server both nodes use: development and tests), {@link Kind#HUB} (the
 * primary's site: a JetStream domain and a leaf node listener) and {@link Kind#LEAF} (the backup's site: its own
 * JetStream domain, joined to the hub as a leaf node). Immutable.
 *
 * @param kind      which shape
 * @param listen    where NATS clients (the Postbox node of this site) connect
 * @param storeDir  JetStream's folder
 * @param domain    the JetStream domain (HUB and LEAF)
 * @param leafnodes HUB: where leaf nodes connect
 * @param hub       LEAF: the hub's leaf node address
 */
public record NatsSiteConfig(Kind kind, HostPort listen, Path storeDir, Optional<String> domain,
                             Optional<HostPort> leafnodes, Optional<HostPort> hub) {

    /** The site's place in the network. */
    public enum Kind {
        SINGLE, HUB, LEAF
    }

    public NatsSiteConfig {
        switch (kind) {
            case SINGLE -> {
                if (domain.isPresent() || leafnodes.isPresent() || hub.isPresent()) {
                    throw new IllegalArgumentException("a single server takes no --domain, --leafnodes or --hub");
                }
            }
            case HUB -> {
                if (leafnodes.isEmpty() || hub.isPresent()) {
                    throw new IllegalArgumentException("a hub needs --leafnodes HOST:PORT (and no --hub)");
                }
            }
            case LEAF -> {
                if (hub.isEmpty() || leafnodes.isPresent()) {
                    throw new IllegalArgumentException("a leaf needs --hub HOST:PORT (and no --leafnodes)");
                }
            }
        }
        if (kind != Kind.SINGLE && domain.isEmpty()) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase() + " needs a JetStream --domain");
        }
        domain.ifPresent(d -> {
            if (!d.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("a JetStream domain is letters, digits, _ and -, got '" + d + "'");
            }
        });
    }

    /** The configuration file's text. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("# nats-server configuration of a Postbox site (").append(kind.name().toLowerCase())
                .append("), written by bin/postbox nats-config\n");
        out.append("server_name: postbox-").append(kind.name().toLowerCase()).append('-').append(listen.port()).append('\n');
        out.append("listen: ").append(listen).append('\n');
        out.append("jetstream {\n  store_dir: \"").append(storeDir.toAbsolutePath()).append("\"\n");
        domain.ifPresent(d -> out.append("  domain: ").append(d).append('\n'));
        out.append("}\n");
        leafnodes.ifPresent(l -> out.append("leafnodes {\n  listen: ").append(l).append("\n}\n"));
        hub.ifPresent(h -> out.append("leafnodes {\n  remotes: [ { url: \"nats-leaf://").append(h).append("\" } ]\n}\n"));
        return out.toString();
    }
}
