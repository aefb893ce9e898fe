package postbox.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/bench}: runs the media benchmark once per requested number of calls and prints one table on stdout
 * (progress and notes on stderr). The Postbox tree is the {@code postbox.home} system property (bin/bench sets
 * it), else the working folder. Exit status: 0 when every run completed, 1 when one could not, 2 for bad options.
 * Blocking, on the main thread.
 */
public final class Bench {
    private static final Logger log = LoggerFactory.getLogger(Bench.class);

    private final PrintStream out;
    private final PrintStream err;

    Bench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The command line entry point. */
    public static void main(String[] args) throws InterruptedException {
        System.exit(new Bench(System.out, System.err).run(Arrays.asList(args)));
    }

    int run(List<String> args) throws InterruptedException {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(BenchOptions.USAGE);
            return 0;
        }
        Path home = Path.of(System.getProperty("postbox.home", ".")).toAbsolutePath().normalize();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, home);
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.print(BenchOptions.USAGE);
            return 2;
        }
        List<RunResult> results = new ArrayList<>();
        int status = 0;
        for (int calls : options.calls()) {
            long estimate = options.estimate(calls).toSeconds();
            if (estimate > BenchOptions.BOUND.toSeconds()) {
                err.printf("bench: %d calls at %d/s with a %d s window take about %d s, beyond the %d s bound%n",
                        calls, options.rate(), options.seconds(), estimate, BenchOptions.BOUND.toSeconds());
            }
            try {
                results.add(new BenchRun(options, calls, err).run());
            } catch (IOException e) {
                log.debug("run of {} calls failed", calls, e);
                err.println("bench: the run of " + calls + " calls failed: " + e.getMessage());
                status = 1;
            }
        }
        if (!results.isEmpty()) {
            ResultTable.lines(results).forEach(out::println);
        }
        return status;
    }
}
