package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Heartbeats between two nodes over real nats-server processes, on one server and across a leaf connection. */
class HeartbeatsIT {

    private static final String NET = "pbx-test";
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final Closer closer = new Closer();
    private final List<Heartbeat> heardByPrimary = new CopyOnWriteArrayList<>();
    private final List<Heartbeat> heardByBackup = new CopyOnWriteArrayList<>();
    private NatsLink primaryLink;

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private void startNodes(NatsDeployment.Kind kind) throws Exception {
        NatsDeployment deployment = closer.add(NatsDeployment.start(kind, dir.resolve("nats")));
        primaryLink = closer.add(NatsLink.connect(deployment.primaryUrl(), "primary"));
        NatsLink backupLink = closer.add(NatsLink.connect(deployment.backupUrl(), "backup"));
        closer.add(Heartbeats.start(primaryLink, NET, "alpha", INTERVAL,
                () -> new Heartbeat("ignored", "primary", "active", 3, 0, null), heardByPrimary::add));
        closer.add(Heartbeats.start(backupLink, NET, "beta", INTERVAL,
                () -> new Heartbeat("ignored", "backup", "standby", 0, 7, null), heardByBackup::add));
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void eachNodeHearsTheOtherAndNotItself(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        Instant start = Instant.now();

        await().atMost(BOUND).until(() -> heardByPrimary.size() >= 3 && heardByBackup.size() >= 3);

        assertThat(heardByBackup).allSatisfy(heartbeat -> {
            assertThat(heartbeat.node()).isEqualTo("alpha");
            assertThat(heartbeat.role()).isEqualTo("primary");
            assertThat(heartbeat.state()).isEqualTo("active");
            assertThat(heartbeat.activeCalls()).isEqualTo(3);
            assertThat(heartbeat.sentAt()).isAfterOrEqualTo(start.minusSeconds(1));
        });
        assertThat(heardByPrimary).allSatisfy(heartbeat -> {
            assertThat(heartbeat.node()).isEqualTo("beta");
            assertThat(heartbeat.handoverPending()).isEqualTo(7);
        });
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void staleHeartbeatsAreDropped(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        await().atMost(BOUND).until(() -> !heardByBackup.isEmpty());
        Network network = new Network(NET);
        Instant now = Instant.now();

        publish(network, new Heartbeat("gamma", "distributed", "stale", 0, 0, now.minus(INTERVAL.multipliedBy(3))));
        publish(network, new Heartbeat("gamma", "distributed", "fresh", 0, 0, now));

        await().atMost(BOUND).until(() -> heardByBackup.stream().anyMatch(beat -> beat.node().equals("gamma")));
        assertThat(heardByBackup).filteredOn(beat -> beat.node().equals("gamma"))
                .extracting(Heartbeat::state).containsExactly("fresh");
    }

    private void publish(Network network, Heartbeat heartbeat) throws Exception {
        primaryLink.connection().publish(network.heartbeatSubject(heartbeat.node()),
                SyncJson.write(heartbeat).getBytes(StandardCharsets.UTF_8));
    }
}
