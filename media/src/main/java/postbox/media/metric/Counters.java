package postbox.media.metric;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One clock's counters, or one leg's (whose counts also go to its clock's: the parent). Single writer: only the
 * thread running that clock's ticks changes them (no atomic read-modify-write on the tick); any thread may read
 * them (opaque reads, never torn). Allocation-free.
 */
public final class Counters {
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[Counter.values().length];
    private final Counters parent;

    /** Counters of their own (a clock's). */
    public Counters() {
        this(null);
    }

    /** Counters whose additions also go to {@code parent} (a leg's, adding up in its clock's). */
    public Counters(Counters parent) {
        this.parent = parent;
    }

    /** Adds one. Single writer. */
    public void increment(Counter counter) {
        add(counter, 1);
    }

    /** Adds {@code delta} (to the parent too). Single writer. */
    public void add(Counter counter, long delta) {
        int index = counter.ordinal();
        VALUES.setOpaque(values, index, (long) VALUES.getOpaque(values, index) + delta);
        if (parent != null) {
            parent.add(counter, delta);
        }
    }

    /** Raises the counter to {@code value} if it is below (not passed to the parent). Single writer. */
    public void max(Counter counter, long value) {
        int index = counter.ordinal();
        if ((long) VALUES.getOpaque(values, index) < value) {
            VALUES.setOpaque(values, index, value);
        }
    }

    /** The current value. Any thread. */
    public long get(Counter counter) {
        return (long) VALUES.getOpaque(values, counter.ordinal());
    }
}
