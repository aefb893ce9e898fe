package postbox.store.nats;

import java.time.Instant;

/**
 * What the backup's {@link ConfigMirror} reports for the status page. Immutable.
 *
 * @param lastAppliedAt  when a change was last applied to the local stores; null before the first one
 * @param lastLagMs      the lag of that change: applied time minus the entry's creation time on the primary's
 *                       server, in ms; -1 before the first change
 * @param entriesApplied changes applied since start (entries that already matched the local stores not counted)
 * @param caughtUp       connected, and every entry the mirror holds is applied
 */
public record MirrorStats(Instant lastAppliedAt, long lastLagMs, long entriesApplied, boolean caughtUp) {
}
