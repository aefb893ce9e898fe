package postbox.store.nats;

import java.time.Instant;

/**
 * What the primary's {@link ConfigPublisher} reports for the status page. Immutable.
 *
 * @param lastPublishedAt  when a change last reached the config bucket; null before the first one
 * @param pendingChanges   changes waiting to be published (NATS down, or not yet done)
 * @param changesPublished changes published since start (puts and deletes of keys)
 * @param reconciled       whether the full reconcile at start has completed
 */
public record PublisherStats(Instant lastPublishedAt, int pendingChanges, long changesPublished, boolean reconciled) {
}
