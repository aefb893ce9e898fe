package postbox.store.nats;

import java.time.Instant;

/**
 * One node's liveness report, sent as JSON on {@code <net>.heartbeat.<node>} every interval. Immutable.
 *
 * @param node            the sending node's name
 * @param role            its configured role ({@code primary}, {@code backup}...)
 * @param state           its current state in that role (the server's node-role state machine names them)
 * @param activeCalls     calls it is handling now
 * @param handoverPending messages it holds for hand-over to the primary
 * @param sentAt          when it was sent (set by {@link Heartbeats} when sending)
 */
public record Heartbeat(String node, String role, String state, int activeCalls, int handoverPending,
                        Instant sentAt) {

    /** This heartbeat as sent by {@code sender} at {@code at}. */
    Heartbeat sentBy(String sender, Instant at) {
        return new Heartbeat(sender, role, state, activeCalls, handoverPending, at);
    }
}
