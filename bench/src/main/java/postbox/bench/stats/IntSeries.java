package postbox.bench.stats;

import java.util.Arrays;

/**
 * A growable series of int samples (microseconds, usually), filled by one thread without allocating while it
 * stays within the capacity it was sized for. Not thread-safe: one writer, read after it is done (a
 * {@link Thread#join} or another happens-before edge).
 */
public final class IntSeries {
    private int[] values;
    private int size;

    /** @param expected the samples it will probably hold (it grows beyond that by doubling) */
    public IntSeries(int expected) {
        values = new int[Math.max(1, expected)];
    }

    /** Appends one sample. */
    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Appends every sample of {@code other}. */
    public void addAll(IntSeries other) {
        if (size + other.size > values.length) {
            values = Arrays.copyOf(values, Math.max(size + other.size, values.length * 2));
        }
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }

    /** Samples held. */
    public int size() {
        return size;
    }

    /** The percentiles of the samples so far. */
    public Percentiles percentiles() {
        return Percentiles.of(values, size);
    }
}
