/**
 * Small statistics for the benchmark: exact percentiles over recorded samples ({@link postbox.bench.stats.Percentiles})
 * and a growable series of int samples that one thread fills ({@link postbox.bench.stats.IntSeries}).
 */
package postbox.bench.stats;
