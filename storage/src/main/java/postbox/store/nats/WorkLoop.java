package postbox.store.nats;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that runs a step whenever it is signalled (a change, a reconnect) and otherwise after the
 * delay the last step asked for; a step that throws is retried after {@code retryDelay}. The sync parts use one
 * each, so all their NATS work runs on a thread of their own and never on a NATS dispatcher or a caller's thread.
 * {@link #signal()} and {@link #close()} are thread-safe.
 */
final class WorkLoop implements AutoCloseable {

    /** The work, run on the loop's thread only. */
    @FunctionalInterface
    interface Step {
        /** Does what is to be done now; returns how long to wait before running again unless signalled. */
        Duration run() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Step step;
    private final Duration retryDelay;
    private final Semaphore signals = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;
    private String lastFailure;

    private WorkLoop(String name, Duration retryDelay, Step step) {
        this.name = name;
        this.retryDelay = retryDelay;
        this.step = step;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
    }

    /** Starts a loop whose first step runs at once. */
    static WorkLoop start(String name, Duration retryDelay, Step step) {
        WorkLoop loop = new WorkLoop(name, retryDelay, step);
        loop.thread.start();
        return loop;
    }

    /** Runs the step again as soon as the current one (if any) is done. */
    void signal() {
        signals.release();
    }

    private void loop() {
        Duration wait = Duration.ZERO;
        while (!closed) {
            try {
                if (signals.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                    signals.drainPermits();
                }
            } catch (InterruptedException e) {
                break;
            }
            if (closed) {
                break;
            }
            wait = runStep();
        }
        log.debug("{} stopped", name);
    }

    private Duration runStep() {
        try {
            Duration next = step.run();
            if (lastFailure != null) {
                log.info("{} works again", name);
                lastFailure = null;
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            return Duration.ZERO;
        } catch (Exception e) {
            if (closed) {
                return Duration.ZERO;
            }
            String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!failure.equals(lastFailure)) {
                log.warn("{} failed, retrying every {} ms: {}", name, retryDelay.toMillis(), failure);
                log.debug("{} failure", name, e);
                lastFailure = failure;
            }
            return retryDelay;
        }
    }

    /** Stops the loop, interrupting a step in progress, and waits (bounded) for the thread to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(JOIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
