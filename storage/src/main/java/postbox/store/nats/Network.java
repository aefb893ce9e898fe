package postbox.store.nats;

import java.util.regex.Pattern;

/**
 * The names a Postbox network uses in NATS, all prefixed by the network's name (config {@code peer.network},
 * default {@value #DEFAULT_NAME}) so several networks can share one NATS system: the KV bucket
 * {@code <net>-config}, the Object Stores {@code <net>-greetings} and {@code <net>-handover}, and the heartbeat
 * subjects {@code <net>.heartbeat.<node>}. Immutable; thread-safe.
 *
 * @param name the network's name: 1 to 32 letters, digits, {@code -} or {@code _} (valid in bucket names and as a
 *             subject token)
 */
public record Network(String name) {

    /** The network name when none is configured. */
    public static final String DEFAULT_NAME = "postbox";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** Checks the name. */
    public Network {
        name = check(name, "network name");
    }

    /** The KV bucket holding mailboxes and the greeting index. */
    public String configBucket() {
        return name + "-config";
    }

    /** The Object Store holding greeting and recorded-name audio, by content. */
    public String greetingsBucket() {
        return name + "-greetings";
    }

    /** The Object Store through which the backup hands its messages to the primary. */
    public String handoverBucket() {
        return name + "-handover";
    }

    /** The subject {@code node} sends its heartbeats on. */
    public String heartbeatSubject(String node) {
        return name + ".heartbeat." + checkNode(node);
    }

    /** The subject matching every node's heartbeats. */
    public String heartbeatWildcard() {
        return name + ".heartbeat.*";
    }

    /**
     * Returns {@code node} when it is a valid node name (same rule as network names).
     *
     * @throws IllegalArgumentException naming the rule
     */
    public static String checkNode(String node) {
        return check(node, "node name");
    }

    private static String check(String token, String what) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a " + what + " must be 1 to 32 letters, digits, '-' or '_', got "
                    + (token == null ? "null" : "'" + token + "'"));
        }
        return token;
    }
}
