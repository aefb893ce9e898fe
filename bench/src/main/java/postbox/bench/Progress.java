package postbox.bench;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The progress line on stderr, once a second while a run goes on: what {@code status} says, and the seconds
 * since the run started. On a terminal it rewrites one line; otherwise it prints a line a second. {@link #start}
 * and {@link #close} from the run's thread; {@code status} is called on the progress thread.
 */
final class Progress implements AutoCloseable {
    private static final long PERIOD_MILLIS = 1000;

    private final PrintStream err;
    private final Supplier<String> status;
    private final boolean terminal = System.console() != null;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;
    private int lastLength;

    Progress(PrintStream err, Supplier<String> status) {
        this.err = err;
        this.status = status;
        this.thread = Thread.ofPlatform().name("progress").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        print();
        if (terminal) {
            err.println();
        }
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            print();
        }
    }

    private synchronized void print() {
        String line = status.get() + String.format(" | %d s", (System.nanoTime() - startNanos) / 1_000_000_000);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }
}
