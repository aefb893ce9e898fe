package postbox.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending the peers' and the server's processes: politely with a bound, or at once. */
final class Processes {
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private Processes() {
    }

    /** Whether a started process is ready yet (it may wait a little itself). */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws IOException, InterruptedException;
    }

    /**
     * Waits until {@code probe} says {@code process} is ready, polling every {@code pause}; fails with its log when it
     * exits first or is not ready within {@code bound} ({@code what}: what it should have done, for the message).
     */
    static void awaitReady(Process process, String name, Path log, Duration bound, Duration pause, String what,
                           Probe probe) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            if (probe.ready()) {
                return;
            }
            Thread.sleep(pause.toMillis());
        }
        throw new IllegalStateException(name + " did not " + what + " within " + bound.toSeconds() + " s:\n"
                + Files.readString(log));
    }

    /** kill -9 of {@code process} and its children (waits for it, bounded): gone at once, nothing said. */
    static void kill9(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, then {@link #kill9} when it has not ended within {@code grace}. Nothing when it is not running. */
    static void stop(Process process, Duration grace) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill9(process);
        }
    }
}
