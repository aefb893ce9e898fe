package postbox.bench.stats;

import java.util.Arrays;

/**
 * The median, 99th percentile and maximum of a set of samples (nearest rank: the p-th percentile is the smallest
 * sample with at least p % of the samples at or below it), in the samples' unit. Immutable.
 *
 * @param count samples seen; 0 means the others are meaningless (0)
 * @param p50   the median
 * @param p99   the 99th percentile
 * @param max   the largest sample
 */
public record Percentiles(int count, int p50, int p99, int max) {

    /** No samples. */
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0);

    /** The percentiles of {@code values[0, count)}; the array is not changed. */
    public static Percentiles of(int[] values, int count) {
        if (count < 0 || count > values.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + values.length);
        }
        if (count == 0) {
            return NONE;
        }
        int[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return new Percentiles(count, rank(sorted, 50), rank(sorted, 99), sorted[count - 1]);
    }

    /** The nearest-rank {@code percent}-th percentile of a sorted, non-empty array. */
    static int rank(int[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    /** True when there were samples. */
    public boolean any() {
        return count > 0;
    }
}
