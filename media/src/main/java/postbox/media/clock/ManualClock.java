package postbox.media.clock;

import java.time.Duration;

import postbox.media.Frames;

/**
 * A clock for tests: {@link #advance} runs ticks synchronously in the caller's thread, as fast as they go, on
 * the very same tick-walk as the real-time clock ({@link Shard#tick}). Tick time starts at 0 and advances 20 ms
 * per tick, so timeouts (RTP timeout, silence, maximum length) are testable without waiting. Thread-safe
 * (ticks run one caller at a time).
 */
public final class ManualClock {
    private final Shard[] shards;
    private long ticks;

    /** A clock ticking {@code shards} in order on every tick. */
    public ManualClock(Shard... shards) {
        this.shards = shards.clone();
    }

    /** Runs {@code ticks} ticks now, in this thread. */
    public synchronized void advance(int ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("cannot advance by a negative number of ticks: " + ticks);
        }
        for (int i = 0; i < ticks; i++) {
            this.ticks++;
            long tickNanos = this.ticks * Frames.NANOS;
            for (Shard shard : shards) {
                shard.tick(tickNanos);
            }
        }
    }

    /** Lets {@code ticks} ticks of time pass without running them, as a paced clock re-basing after a stall. */
    public synchronized void skip(int ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("cannot skip a negative number of ticks: " + ticks);
        }
        this.ticks += ticks;
    }

    /** Ticks run so far. */
    public synchronized long ticks() {
        return ticks;
    }

    /** Tick time elapsed so far (20 ms per tick). */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(ticks * Frames.NANOS);
    }

    /** The current tick time, on the scale passed to {@link Tickable#tick}. */
    public synchronized long nowNanos() {
        return ticks * Frames.NANOS;
    }
}
