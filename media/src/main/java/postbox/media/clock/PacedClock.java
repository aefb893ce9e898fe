package postbox.media.clock;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import postbox.media.Frames;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;

/**
 * A real-time clock driving one {@link Shard} from its own platform thread, on absolute deadlines
 * ({@code deadline += 20 ms}, so lateness never accumulates): it parks until {@code spinMargin} before the
 * deadline, then spins to it (no spinning while the shard is empty). When it falls more than 100 ms behind
 * (a GC pause, a suspended VM) it re-bases its deadlines on the current time and counts a rebase instead of
 * bursting the missed ticks. Counts ticks more than 2 ms late and the worst lateness.
 * {@link #start} and {@link #close} are thread-safe.
 */
public final class PacedClock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PacedClock.class);
    private static final long LATE_NANOS = 2_000_000;
    private static final long REBASE_NANOS = 100_000_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private final Shard shard;
    private final long spinNanos;
    private final Thread thread;
    private volatile boolean running = true;

    private PacedClock(String name, Shard shard, Duration spinMargin) {
        this.shard = shard;
        this.spinNanos = spinMargin.toNanos();
        this.thread = Thread.ofPlatform().name(name).daemon().priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    /** Starts a clock thread named {@code name} ticking {@code shard}. */
    public static PacedClock start(String name, Shard shard, Duration spinMargin) {
        PacedClock clock = new PacedClock(name, shard, spinMargin);
        clock.thread.start();
        return clock;
    }

    /** Stops the thread after its current tick and waits for it (bounded). Idempotent. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!thread.join(STOP_TIMEOUT)) {
                log.warn("Media clock {} did not stop within {}", thread.getName(), STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Counters counters = shard.counters();
        long deadline = System.nanoTime() + Frames.NANOS;
        while (running) {
            awaitDeadline(deadline);
            if (!running) {
                return;
            }
            long lateNanos = System.nanoTime() - deadline;
            if (lateNanos > LATE_NANOS) {
                counters.increment(Counter.LATE_TICKS);
            }
            counters.max(Counter.MAX_TICK_LATENESS_MICROS, lateNanos / 1000);
            shard.tick(deadline);
            deadline += Frames.NANOS;
            long now = System.nanoTime();
            if (now - deadline > REBASE_NANOS) {
                counters.increment(Counter.REBASES);
                deadline = now + Frames.NANOS;
            }
        }
    }

    private void awaitDeadline(long deadline) {
        long spin = shard.load() == 0 ? 0 : spinNanos;
        for (long remaining; running && (remaining = deadline - System.nanoTime()) > spin; ) {
            LockSupport.parkNanos(remaining - spin);
        }
        while (running && deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }
}
