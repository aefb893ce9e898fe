package postbox.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A primary and a backup node of one network, on one shared NATS server or on a hub and a leaf. */
final class Pair implements AutoCloseable {

    final Nats primaryNats;
    final Nats backupNats;
    final ServerProcess primary;
    final ServerProcess backup;

    /**
     * @param leaf      hub + leaf (the realistic deployment) instead of one shared server
     * @param backupSip whether the backup also pings the primary over SIP
     * @param extra     YAML lines for both nodes (a pbx: section, failback...)
     */
    Pair(Path dir, boolean leaf, boolean backupSip, String... extra) throws IOException {
        primaryNats = leaf ? Nats.hub(dir) : Nats.single(dir);
        backupNats = leaf ? Nats.leaf(dir, primaryNats) : primaryNats;
        primary = new ServerProcess(Files.createDirectories(dir.resolve("primary")),
                lines("node: { role: primary, name: site-a }",
                        "peer: { nats: '" + primaryNats.url() + "' }", extra));
        backup = new ServerProcess(Files.createDirectories(dir.resolve("backup")), lines(
                "node: { role: backup, name: site-b, ports: 10 }",
                "peer: { nats: '" + backupNats.url() + "'" + (leaf ? ", primaryDomain: hub" : "")
                        + (backupSip ? ", sip: '127.0.0.1:" + primary.sipPort + "'" : "") + " }", extra))
                .withoutDemo();
    }

    private static String[] lines(String a, String b, String... more) {
        List<String> all = new ArrayList<>(List.of(a, b));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    Pair start() throws IOException, InterruptedException {
        primaryNats.start();
        if (backupNats != primaryNats) {
            backupNats.start();
        }
        primary.start();
        backup.start();
        awaitState(primary, "active", Duration.ofSeconds(15));
        awaitState(backup, "standby", Duration.ofSeconds(15));
        return this;
    }

    static String state(ServerProcess node) throws IOException, InterruptedException {
        return node.api("/api/status").get("state").asText();
    }

    static void awaitState(ServerProcess node, String state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> state(node).equals(state));
    }

    static JsonNode pairing(ServerProcess node) throws IOException, InterruptedException {
        return node.api("/api/status").get("pairing");
    }

    @Override
    public void close() throws Exception {
        try (primaryNats; backupNats; primary; backup) {
            // closed in reverse order: nodes first, then NATS
        }
    }
}
