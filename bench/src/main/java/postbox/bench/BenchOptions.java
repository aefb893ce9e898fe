package postbox.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bin/bench} was asked to do. Immutable.
 *
 * @param calls         concurrent calls of each run (one run, one table row each)
 * @param rate          calls set up per second
 * @param seconds       length of the steady-state measuring window
 * @param keep          keep each run's folder (server config, data, log)
 * @param jfr           record the window on the server with JFR (into the run's folder, which is then kept)
 * @param serverOptions JVM options for the server ({@code POSTBOX_JAVA_OPTS})
 * @param serverHome    the Postbox tree whose {@code bin/postbox} runs the server
 */
public record BenchOptions(List<Integer> calls, int rate, int seconds, boolean keep, boolean jfr,
                           String serverOptions, Path serverHome) {

    /** The time a run may take with the default options. */
    public static final Duration BOUND = Duration.ofMinutes(2);
    /** The most calls one run can drive (a frame carries the call's number in 12 bits). */
    public static final int MAX_CALLS = 4000;

    static final String USAGE = """
            Usage: bin/bench [--calls N[,N...]] [--rate R] [--seconds S] [--keep] [--jfr] [--server-opts 'JVM OPTIONS'] [--server-home DIR]
              --calls N,...        concurrent calls; a list runs once per number, one table row each (default 100)
              --rate R             calls set up per second (default 50)
              --seconds S          steady-state measuring window, seconds (default 30)
              --keep               keep each run's folder (server config, data, log) and say where it is
              --jfr                record the window on the server with JFR (profile settings); implies --keep
              --server-opts '...'  JVM options for the server (POSTBOX_JAVA_OPTS)
              --server-home DIR    run the server of another Postbox tree (its bin/postbox; default: this one)
            A run takes about 20 s + N/R + N/(4R) + S + N/100 seconds (a 2-minute bound with the defaults up to 1,000 calls).
            """;

    /**
     * Parses the command line.
     *
     * @param home the Postbox tree bin/bench runs from (the default server home)
     * @throws IllegalArgumentException with a one-line reason
     */
    public static BenchOptions parse(List<String> args, Path home) {
        List<Integer> calls = List.of(100);
        int rate = 50;
        int seconds = 30;
        boolean keep = false;
        boolean jfr = false;
        String serverOptions = "";
        Path serverHome = home;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--calls" -> calls = callList(value(args, ++i, arg));
                case "--rate" -> rate = number(value(args, ++i, arg), arg, 1, 1000);
                case "--seconds" -> seconds = number(value(args, ++i, arg), arg, 1, 3600);
                case "--keep" -> keep = true;
                case "--jfr" -> jfr = true;
                case "--server-opts" -> serverOptions = value(args, ++i, arg);
                case "--server-home" -> serverHome = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new BenchOptions(calls, rate, seconds, keep || jfr, jfr, serverOptions, serverHome);
    }

    /** About how long a run of {@code calls} calls takes with these options. */
    public Duration estimate(int calls) {
        double setup = (double) calls / rate;
        double teardown = calls / (4.0 * rate);
        double download = calls / 100.0;
        return Duration.ofMillis(Math.round((20 + setup + teardown + seconds + download) * 1000));
    }

    private static String value(List<String> args, int at, String option) {
        if (at >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(at);
    }

    private static int number(String text, String option, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + ": expected " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private static List<Integer> callList(String text) {
        List<Integer> calls = new ArrayList<>();
        for (String part : text.split(",")) {
            calls.add(number(part, "--calls", 1, MAX_CALLS));
        }
        return List.copyOf(calls);
    }
}
