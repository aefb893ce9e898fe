package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SipEndpoint#ping} between two real endpoints, one active and one standby, and against dead ports. */
class PeerPingIT {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final long GET_SECONDS = 5;

    private static SipEndpoint active;
    private static SipEndpoint standby;

    @BeforeAll
    static void start() throws IOException {
        active = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), new RecordingHandler());
        standby = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), new RecordingHandler(),
                SourcePolicy.open(), MessageSummaries.none(), Optional.empty(), false);
    }

    @AfterAll
    static void stop() {
        active.close();
        standby.close();
    }

    @Test
    void aLiveEndpointIsAliveOverUdpAndTcp() throws Exception {
        assertThat(standby.ping(active.address(), Transport.UDP, TIMEOUT).get(GET_SECONDS, TimeUnit.SECONDS))
                .isTrue();
        assertThat(standby.ping(active.address(), Transport.TCP, TIMEOUT).get(GET_SECONDS, TimeUnit.SECONDS))
                .isTrue();
    }

    @Test
    void aStandbyEndpointAnswering503IsAliveToo() throws Exception {
        try (RawUac uac = RawUac.connect(Transport.UDP, standby.address())) {
            new UacCall(uac, "postbox").outOfDialog("OPTIONS");
            uac.finalResponse("OPTIONS", 503);
        }

        assertThat(active.ping(standby.address(), Transport.UDP, TIMEOUT).get(GET_SECONDS, TimeUnit.SECONDS))
                .isTrue();
    }

    @Test
    void aSilentPortIsDeadOnceTheTimeoutRunsOut() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                0))) {
            long sent = System.nanoTime();
            boolean alive = active.ping((InetSocketAddress) silent.getLocalSocketAddress(), Transport.UDP, TIMEOUT)
                    .get(GET_SECONDS, TimeUnit.SECONDS);
            long tookMillis = Duration.ofNanos(System.nanoTime() - sent).toMillis();

            assertThat(alive).isFalse();
            assertThat(tookMillis).isBetween(TIMEOUT.toMillis(), TIMEOUT.toMillis() + 800);
        }
    }

    @Test
    void aClosedTcpPortIsDeadBeforeTheTimeout() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = (InetSocketAddress) socket.getLocalSocketAddress();
        }
        long sent = System.nanoTime();

        boolean alive = active.ping(closed, Transport.TCP, Duration.ofSeconds(3)).get(GET_SECONDS, TimeUnit.SECONDS);

        assertThat(alive).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theOutcomeIsCompletedOffTheEndpointsThreads() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                0))) {
            peer.setSoTimeout((int) TimeUnit.SECONDS.toMillis(GET_SECONDS));
            // the dependent stage is attached before the peer answers, so it runs on the thread that completes
            CompletableFuture<String> thread = active.ping((InetSocketAddress) peer.getLocalSocketAddress(),
                            Transport.UDP, Duration.ofSeconds(GET_SECONDS))
                    .thenApply(alive -> Thread.currentThread().isVirtual() + " " + alive);
            DatagramPacket options = new DatagramPacket(new byte[4096], 4096);
            peer.receive(options);
            byte[] ok = SipText.parse(options.getData(), options.getLength()).responseText(200, "OK", "peer")
                    .getBytes(StandardCharsets.UTF_8);
            peer.send(new DatagramPacket(ok, ok.length, options.getSocketAddress()));

            assertThat(thread.get(GET_SECONDS, TimeUnit.SECONDS)).isEqualTo("true true");
        }
    }
}
