package postbox.store.nats;

import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The two deployments the sync must work in, with real nats-server processes (tests only): {@link Kind#SHARED}, one
 * server both nodes use; {@link Kind#LEAF}, the primary's hub (domain {@code hub}) and the backup's leaf (domain
 * {@code leaf}) joined by a leaf connection.
 */
final class NatsDeployment implements AutoCloseable {

    /** Which deployment. */
    enum Kind { SHARED, LEAF }

    static final String HUB_DOMAIN = "hub";

    private final Kind kind;
    private final NatsServerProcess primaryServer;
    private final NatsServerProcess backupServer;

    private NatsDeployment(Kind kind, NatsServerProcess primaryServer, NatsServerProcess backupServer) {
        this.kind = kind;
        this.primaryServer = primaryServer;
        this.backupServer = backupServer;
    }

    static NatsDeployment start(Kind kind, Path dir) throws Exception {
        Files.createDirectories(dir);
        if (kind == Kind.SHARED) {
            NatsServerProcess server = NatsServerProcess.start(dir, "shared", "jetstream { store_dir: STORE_DIR }");
            return new NatsDeployment(kind, server, server);
        }
        int leafPort = NatsServerProcess.freePort();
        NatsServerProcess hub = NatsServerProcess.start(dir, "hub", """
                jetstream { store_dir: STORE_DIR, domain: hub }
                leafnodes { listen: "127.0.0.1:%d" }
                """.formatted(leafPort));
        NatsServerProcess leaf = NatsServerProcess.start(dir, "leaf", """
                jetstream { store_dir: STORE_DIR, domain: leaf }
                leafnodes { remotes [ { url: "nats-leaf://127.0.0.1:%d" } ] }
                """.formatted(leafPort));
        NatsDeployment deployment = new NatsDeployment(kind, hub, leaf);
        deployment.awaitLeafLink();
        return deployment;
    }

    Kind kind() {
        return kind;
    }

    String primaryUrl() {
        return primaryServer.url();
    }

    String backupUrl() {
        return backupServer.url();
    }

    /** What the backup passes as the primary's domain. */
    String primaryDomain() {
        return kind == Kind.LEAF ? HUB_DOMAIN : null;
    }

    /** Cuts the backup off: stops the leaf server, or the one shared server. */
    void cutBackup() throws InterruptedException {
        backupServer.stop();
    }

    /** Stops the primary's server (the hub, or the one shared server). */
    void cutPrimary() throws InterruptedException {
        primaryServer.stop();
    }

    /** Restarts what {@link #cutPrimary} stopped, and waits for the leaf connection. */
    void restorePrimary() throws Exception {
        primaryServer.restart();
        if (kind == Kind.LEAF) {
            awaitLeafLink();
        }
    }

    /** Restarts what {@link #cutBackup} stopped, and waits for the leaf connection. */
    void restoreBackup() throws Exception {
        backupServer.restart();
        if (kind == Kind.LEAF) {
            awaitLeafLink();
        }
    }

    /** Waits until JetStream in the hub's domain answers through the leaf. */
    private void awaitLeafLink() throws IOException, InterruptedException {
        try (Connection connection = Nats.connect(new Options.Builder().server(backupUrl()).build())) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> connection.jetStreamManagement(JetStreamOptions.builder().domain(HUB_DOMAIN)
                            .requestTimeout(Duration.ofMillis(500)).build()).getAccountStatistics() != null);
        }
    }

    @Override
    public void close() throws InterruptedException {
        backupServer.stop();
        primaryServer.stop();
    }
}
