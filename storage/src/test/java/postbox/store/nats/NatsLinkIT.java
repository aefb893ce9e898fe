package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node starts and keeps working while NATS is down; its link connects and reconnects by itself. */
class NatsLinkIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private NatsServerProcess server;
    private NatsLink link;

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void connectsOnceTheServerComesUpAndAfterEachRestart() throws Exception {
        server = NatsServerProcess.configure(dir, "solo", "jetstream { store_dir: STORE_DIR }");
        AtomicInteger connects = new AtomicInteger();

        link = NatsLink.connect(server.url(), "early-bird");
        link.addConnectListener(connects::incrementAndGet);

        assertThat(link.connected()).isFalse();
        assertThatThrownBy(() -> link.jetStreamManagement(null)).isInstanceOf(IOException.class)
                .hasMessageContaining("not connected");
        server.restart();
        await().atMost(BOUND).until(() -> link.connected() && connects.get() == 1);
        assertThat(link.jetStreamManagement(null).getAccountStatistics()).isNotNull();

        server.stop();
        await().atMost(BOUND).until(() -> !link.connected());
        server.restart();
        await().atMost(BOUND).until(() -> link.connected() && connects.get() == 2);
    }

    @Test
    void aLinkClosedBeforeItEverConnectedStaysClosed() throws Exception {
        server = NatsServerProcess.configure(dir, "late", "jetstream { store_dir: STORE_DIR }");
        link = NatsLink.connect(server.url(), "quitter");

        link.close();
        server.restart();

        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> !link.connected());
    }
}
