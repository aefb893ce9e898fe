package postbox.store.nats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides which received heartbeats reach the node: not its own, and not stale (sent more than two intervals ago,
 * as jnats may deliver a burst of old ones after a reconnect). Nodes' clocks must agree within an interval (NTP).
 * Immutable; thread-safe.
 */
final class HeartbeatFilter {

    private final String ownNode;
    private final Duration maxAge;
    private final Clock clock;

    HeartbeatFilter(String ownNode, Duration interval, Clock clock) {
        this.ownNode = ownNode;
        this.maxAge = interval.multipliedBy(2);
        this.clock = clock;
    }

    /** Whether {@code heartbeat} is a fresh one from another node. */
    boolean accepts(Heartbeat heartbeat) {
        if (heartbeat.node() == null || heartbeat.node().equals(ownNode) || heartbeat.sentAt() == null) {
            return false;
        }
        Instant now = clock.instant();
        return !heartbeat.sentAt().isBefore(now.minus(maxAge)) && !heartbeat.sentAt().isAfter(now.plus(maxAge));
    }
}
