package postbox.media.clock;

/** Something a {@link Shard} runs every tick (an RTP leg). Tick thread only, except {@link #close}. */
public interface Tickable {

    /**
     * Runs one 20 ms tick. Never blocks, never does file I/O, never allocates in steady state.
     *
     * @param tickNanos the tick's time (its deadline on the {@link System#nanoTime()} scale for a paced clock,
     *                  ticks × 20 ms for a manual clock)
     * @return false when finished: the shard drops it and never ticks it again
     */
    boolean tick(long tickNanos);

    /** Asks it to finish at its next tick. Thread-safe, idempotent. */
    void close();

    /** Its tick threw {@code cause}: release everything at once; it will not be ticked again. Tick thread. */
    void abort(RuntimeException cause);
}
