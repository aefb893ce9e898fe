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
 * bursting the missed ticks. Counts ticks more than 2 ms late, the worst lateness and every tick's lateness in a
 * histogram (buckets up to 0.1, 0.5, 1, 2, 5, 10, 20 ms and beyond).
 * {@link #start} and {@link #close} are thread-safe.
 */
public final class PacedClock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PacedClock.class);
    private static final long LATE_NANOS = 2_000_000;
    private static final long REBASE_NANOS = 100_000_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    private static final long[] BUCKET_BOUNDS_NANOS = {100_000, 500_000, 1_000_000, 2_000_000, 5_000_000,
        10_000_000, 20_000_000};
    private static final Counter[] BUCKETS = {Counter.LATENESS_UP_TO_100_MICROS, Counter.LATENESS_UP_TO_500_MICROS,
        Counter.LATENESS_UP_TO_1_MILLI, Counter.LATENESS_UP_TO_2_MILLIS, Counter.LATENESS_UP_TO_5_MILLIS,
        Counter.LATENESS_UP_TO_10_MILLIS, Counter.LATENESS_UP_TO_20_MILLIS};

    private final Shard shard;
    private final long spinNanos;
    private final Thread thread;
    private volatile boolean running = true;

    private final long firstDeadline;

    private PacedClock(String name, Shard shard, Duration spinMargin, long firstDeadline) {
        this.shard = shard;
        this.firstDeadline = firstDeadline;
        this.spinNanos = spinMargin.toNanos();
        this.thread = Thread.ofPlatform().name(name).daemon().priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    /** Starts a clock thread named {@code name} ticking {@code shard}. */
    public static PacedClock start(String name, Shard shard, Duration spinMargin) {
        return start(name, shard, spinMargin, System.nanoTime() + Frames.NANOS);
    }

    /** Starts a clock thread named {@code name} ticking {@code shard}, first at {@code firstDeadline} (nanoTime). */
    public static PacedClock start(String name, Shard shard, Duration spinMargin, long firstDeadline) {
        PacedClock clock = new PacedClock(name, shard, spinMargin, firstDeadline);
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
        long deadline = firstDeadline;
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
            counters.increment(latenessBucket(lateNanos));
            shard.tick(deadline);
            deadline += Frames.NANOS;
            long now = System.nanoTime();
            if (now - deadline > REBASE_NANOS) {
                counters.increment(Counter.REBASES);
                deadline = now + Frames.NANOS;
            }
        }
    }

    /** The histogram bucket of a tick {@code lateNanos} late. */
    static Counter latenessBucket(long lateNanos) {
        for (int i = 0; i < BUCKET_BOUNDS_NANOS.length; i++) {
            if (lateNanos <= BUCKET_BOUNDS_NANOS[i]) {
                return BUCKETS[i];
            }
        }
        return Counter.LATENESS_OVER_20_MILLIS;
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
