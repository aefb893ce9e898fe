package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Beyond node.ports a call gets 503 with Retry-After; an unknown user part gets 404. */
class PortLimitIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void aCallBeyondThePortLimitIsRefusedWithRetryAfter() throws Exception {
        try (ServerProcess server = new ServerProcess(dir, "node: { ports: 1 }").start()) {
            short[] speech = Peers.speech(dir, "speech", "Hold the line, please.");
            Peers.Sipp first = Calls.leaver(server, dir, "201", speech, 8, 1, FreePorts.udpRange(2)).start();
            await(() -> server.api("/api/status").get("activeCalls").asInt() == 1);
            await(() -> server.api("/api/calls").path(0).path("media").path("packetsIn").asLong() > 25);
            var call = server.api("/api/calls").get(0);
            assertThat(call.get("startPoint").asText()).isEqualTo("leave");
            assertThat(call.get("media").get("codec").asText()).isEqualToIgnoringCase("PCMU");
            assertThat(call.get("media").get("packetsOut").asLong()).isPositive();

            Peers.Sipp second = new Peers.Sipp(dir, "uac_expect_status.xml", "STATUS", "503", "NEED_HEADER", "Retry-After: [0-9]+")
                    .call("202", server.sipPort, FreePorts.udpRange(2)).start();
            assertThat(second.await(30)).as(second.output()).isZero();
            first.kill();
        }
    }

    @Test
    void anUnknownUserPartIsNotFound() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            Peers.Sipp call = new Peers.Sipp(dir, "uac_expect_status.xml", "STATUS", "404", "NEED_HEADER", "SIP/2.0 404")
                    .call("999", server.sipPort, FreePorts.udpRange(2)).start();
            assertThat(call.await(30)).as(call.output()).isZero();
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(100)).until(condition);
    }
}
