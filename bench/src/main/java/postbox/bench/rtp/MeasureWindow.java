package postbox.bench.rtp;

/**
 * The steady-state interval in which arrivals and the sender's lateness are measured ({@link System#nanoTime}
 * values): closed until {@link #open}, then open until {@link #close}. Thread-safe (volatile fields, written by
 * the run's thread, read on every packet by the sender and the receivers).
 */
public final class MeasureWindow {
    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;

    /** Starts measuring at {@code nowNanos}. */
    public void open(long nowNanos) {
        startNanos = nowNanos;
    }

    /** Stops measuring at {@code nowNanos}. */
    public void close(long nowNanos) {
        endNanos = nowNanos;
    }

    /** True when {@code nanos} falls in the window. */
    public boolean contains(long nanos) {
        return nanos >= startNanos && nanos < endNanos;
    }

    /** The window's length in seconds (0 until opened and closed). */
    public double seconds() {
        long start = startNanos;
        long end = endNanos;
        return start == Long.MAX_VALUE || end == Long.MAX_VALUE ? 0 : (end - start) / 1e9;
    }
}
