package postbox.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server as a process, started the way an operator would ({@code bin/postbox serve --demo}) on
 * 127.0.0.1 with free SIP and HTTP ports, a given config and JVM options ({@code POSTBOX_JAVA_OPTS}), its data
 * and log ({@code server.log}) in a folder of its own. Blocking; used from the run's thread.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final InetSocketAddress sip;
    private final AdminClient admin;
    private final long pid;

    private ServerProcess(Process process, Path log, InetSocketAddress sip, AdminClient admin, long pid) {
        this.process = process;
        this.log = log;
        this.sip = sip;
        this.admin = admin;
        this.pid = pid;
    }

    /**
     * Starts {@code home/bin/postbox serve} and waits until {@code /health} answers (bin/postbox may first rebuild
     * the server when its sources changed, hence the generous {@code timeout}).
     *
     * @param dir         the server's folder: {@code postbox.yaml}, {@code data/}, {@code server.log}
     * @param config      the YAML config
     * @param javaOptions JVM options for the server, may be blank
     */
    public static ServerProcess start(Path home, Path dir, String config, String javaOptions, Duration timeout)
            throws IOException, InterruptedException {
        int sipPort = FreePorts.tcpAndUdp();
        int httpPort = FreePorts.tcpAndUdp();
        Path configFile = dir.resolve("postbox.yaml");
        Files.writeString(configFile, config);
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/postbox").toString(), "serve", "--demo",
                "--config", configFile.toString(), "--sip", "127.0.0.1:" + sipPort, "--http", "127.0.0.1:" + httpPort,
                "--data", data.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        if (!javaOptions.isBlank()) {
            builder.environment().put("POSTBOX_JAVA_OPTS", javaOptions);
        }
        Process process = builder.start();
        try {
            AdminClient probe = new AdminClient("http://127.0.0.1:" + httpPort, "");
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!probe.healthy()) {
                if (!process.isAlive()) {
                    throw new IOException("the server exited with " + process.exitValue() + "; its log:\n" + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the server did not answer /health within " + timeout.toSeconds()
                            + " s; its log:\n" + tail(log));
                }
                Thread.sleep(200);
            }
            String token = Files.readString(data.resolve("admin-token")).trim();
            return new ServerProcess(process, log, new InetSocketAddress("127.0.0.1", sipPort),
                    new AdminClient("http://127.0.0.1:" + httpPort, token), javaPid(process));
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    /** Where it takes SIP (UDP). */
    public InetSocketAddress sip() {
        return sip;
    }

    /** Its admin API. */
    public AdminClient admin() {
        return admin;
    }

    /** The server JVM's process id. */
    public long pid() {
        return pid;
    }

    /** Its output. */
    public Path log() {
        return log;
    }

    /** Stops it (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    /** The last lines of its log, for an error message. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** bin/postbox execs java, so it is the process itself; a wrapper that forks would leave it a child. */
    private static long javaPid(Process process) {
        if (isJava(process.pid())) {
            return process.pid();
        }
        Optional<ProcessHandle> child = process.descendants().filter(p -> isJava(p.pid())).findFirst();
        return child.map(ProcessHandle::pid).orElseThrow(() ->
                new IllegalStateException("no java process under the server's process " + process.pid()));
    }

    private static boolean isJava(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim().equals("java");
        } catch (IOException e) {
            return false;
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
