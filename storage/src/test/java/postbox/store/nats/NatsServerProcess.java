package postbox.store.nats;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real {@code nats-server} process on loopback, started from a config file, stoppable and restartable over the
 * same port and store folder (tests only).
 */
final class NatsServerProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nats-server");

    private final String name;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private NatsServerProcess(String name, Path config, Path log, int port) {
        this.name = name;
        this.config = config;
        this.log = log;
        this.port = port;
    }

    /**
     * Writes {@code name}.conf in {@code dir} (a client listener on a free port, JetStream in {@code dir/name-js},
     * plus {@code extra} config lines) and starts the server.
     */
    static NatsServerProcess start(Path dir, String name, String extra) throws IOException {
        NatsServerProcess server = configure(dir, name, extra);
        server.restart();
        return server;
    }

    /** {@link #start} without starting: {@link #restart()} starts it. */
    static NatsServerProcess configure(Path dir, String name, String extra) throws IOException {
        int port = freePort();
        Path store = dir.resolve(name + "-js");
        Path config = dir.resolve(name + ".conf");
        Files.writeString(config, """
                server_name: %s
                listen: 127.0.0.1:%d
                %s
                """.formatted(name, port, extra.replace("STORE_DIR", "\"" + store + "\"")));
        return new NatsServerProcess(name, config, dir.resolve(name + ".log"), port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server (again) and waits until it accepts connections. */
    void restart() throws IOException {
        process = new ProcessBuilder(List.of(BINARY.toString(), "-c", config.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited: " + Files.readString(log));
                    }
                    return accepts();
                });
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the server (as a crash or a cut link would) and waits for it to be gone. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
