/**
 * Counters kept by the tick: a closed set ({@link postbox.media.metric.Counter}) in a single-writer,
 * allocation-free array per clock ({@link postbox.media.metric.Counters}), summed into
 * {@link postbox.media.MediaStats} on demand.
 */
package postbox.media.metric;
