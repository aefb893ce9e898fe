package postbox.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's {@code jcmd} (beside the running {@code java}) against a JVM: a full GC before reading the heap,
 * a JFR recording. Blocking; thread-safe.
 */
public final class Jcmd {
    private static final long TIMEOUT_SECONDS = 60;

    private Jcmd() {
    }

    /** True when this JDK has {@code jcmd}. */
    public static boolean available() {
        return Files.isExecutable(path());
    }

    /**
     * Runs {@code jcmd PID COMMAND ARGS...} and returns its output.
     *
     * @throws IOException when it fails or takes more than a minute
     */
    public static String run(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(path().toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", command) + " took more than " + TIMEOUT_SECONDS + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + text.trim());
        }
        return text;
    }

    private static Path path() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }
}
