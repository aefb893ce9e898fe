package postbox.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real nats-server for one site, configured by {@code bin/postbox nats-config}: a single server both nodes use,
 * or the primary's hub and the backup's leaf.
 */
final class Nats implements AutoCloseable {

    final int port = FreePorts.udpAndTcp();
    private final Path dir;
    private final String name;
    private final List<String> configArgs = new ArrayList<>();
    private Process process;
    private int starts;

    private Nats(Path dir, String name) throws IOException {
        this.dir = Files.createDirectories(dir.resolve(name));
        this.name = name;
    }

    /** One server for both nodes. */
    static Nats single(Path dir) throws IOException {
        Nats nats = new Nats(dir, "nats");
        nats.configArgs.addAll(List.of("--site", "single"));
        return nats;
    }

    /** The primary's site: JetStream domain {@code hub}, listening for leaf nodes on {@link #leafPort}. */
    static Nats hub(Path dir) throws IOException {
        Nats nats = new Nats(dir, "nats-hub");
        nats.leafPort = FreePorts.udpAndTcp();
        nats.configArgs.addAll(List.of("--site", "hub", "--domain", "hub", "--leafnodes", "127.0.0.1:" + nats.leafPort));
        return nats;
    }

    /** The backup's site: JetStream domain {@code leaf}, a leaf node of {@code hub}. */
    static Nats leaf(Path dir, Nats hub) throws IOException {
        Nats nats = new Nats(dir, "nats-leaf");
        nats.configArgs.addAll(List.of("--site", "leaf", "--domain", "leaf", "--hub", "127.0.0.1:" + hub.leafPort));
        return nats;
    }

    int leafPort;

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Writes the config with bin/postbox nats-config and starts the server (again: same store). */
    Nats start() throws IOException, InterruptedException {
        Path config = dir.resolve("nats.conf");
        if (!Files.exists(config)) {
            List<String> command = new ArrayList<>(List.of(ServerProcess.HOME.resolve("bin/postbox").toString(),
                    "nats-config", "--listen", "127.0.0.1:" + port, "--store", dir.resolve("js").toString()));
            command.addAll(configArgs);
            Files.writeString(config, Peers.run(dir, 60, command.toArray(String[]::new)));
        }
        Path log = dir.resolve("nats-" + (++starts) + ".log");
        process = new ProcessBuilder("nats-server", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Processes.awaitReady(process, name, log, Duration.ofSeconds(20), Duration.ofMillis(50), "listen", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** kill -9: the site's NATS is gone (the link between the sites with it, for a leaf). */
    void kill9() throws InterruptedException {
        Processes.kill9(process);
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
