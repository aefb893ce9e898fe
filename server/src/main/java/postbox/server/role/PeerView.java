package postbox.server.role;

import java.time.Instant;

/**
 * What a node last heard of its peer.
 *
 * @param node            the peer's node name
 * @param state           the state it announced
 * @param handoverPending messages it still has to hand over
 * @param heardAt         when its heartbeat arrived here
 */
public record PeerView(String node, NodeState state, int handoverPending, Instant heardAt) {
}
