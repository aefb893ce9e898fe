package postbox.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time from {@code /proc/PID/stat}: user ({@code utime}, field 14) plus system ({@code stime},
 * field 15), in clock ticks. The command name (field 2) may hold spaces and parentheses, so fields are counted
 * from the last ')'. Stateless, thread-safe.
 */
public final class ProcStat {
    /** Clock ticks per second on Linux (USER_HZ; {@code getconf CLK_TCK}), fixed at 100 by the kernel ABI. */
    public static final int TICKS_PER_SECOND = 100;

    /** user and system CPU of one process, clock ticks. */
    public record CpuTicks(long user, long system) {
        /** user + system, seconds. */
        public double seconds() {
            return (user + system) / (double) TICKS_PER_SECOND;
        }

        /** The CPU time between {@code earlier} and this, seconds. */
        public double secondsSince(CpuTicks earlier) {
            return seconds() - earlier.seconds();
        }
    }

    private ProcStat() {
    }

    /** The CPU time of process {@code pid} now. */
    public static CpuTicks read(long pid) throws IOException {
        return parse(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /**
     * Parses one {@code /proc/PID/stat} line.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static CpuTicks parse(String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("no command name in: " + line);
        }
        String[] fields = line.substring(close + 1).trim().split(" +");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        if (fields.length < 13) {
            throw new IllegalArgumentException("too few fields in: " + line);
        }
        return new CpuTicks(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }
}
