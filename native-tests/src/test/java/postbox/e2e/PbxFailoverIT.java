package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Kamailio PBXs, primary and backup: kill -9 the primary and the node is registered at the backup and taking
 * its calls within 5 s; a call in progress keeps its audio; the primary back, the node returns to it.
 */
class PbxFailoverIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void theNodeMovesToTheBackupPbxAndBack() throws Exception {
        try (Kamailio primary = new Kamailio(dir, "primary", "secret").start();
             Kamailio backup = new Kamailio(dir, "backup", "secret").start();
             ServerProcess server = new ServerProcess(dir,
                     TrunkIT.pbxConfig(primary, backup, "secret", ", failback: immediate")).start()) {
            TrunkIT.awaitRegisteredAt(server, primary, Duration.ofSeconds(10));
            double greeting = Calls.uploadGreeting(server, dir, "202");

            // a call through the primary, in progress when the primary dies
            short[] speech = Peers.speech(dir, "speech", "This message started before the failure of the primary "
                    + "exchange, and it goes on while the voicemail moves to the backup exchange. Every word counts.");
            Peers.Sipp inProgress = Calls.leaver(primary.port, dir, "202", speech, greeting, 1.5, FreePorts.udpRange(2))
                    .start();
            Thread.sleep((long) ((greeting + Calls.AFTER_GREETING_SECONDS + 2) * 1000)); // 2 s into the speech

            primary.kill9();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                JsonNode trunk = server.trunk();
                return trunk.get("registration").asText().equals("registered")
                        && trunk.get("pbx").asText().equals(backup.address());
            });
            double registeredAtBackup = (System.nanoTime() - killed) / 1e9;
            double callThroughBackup = Calls.firstAnsweredCall(dir, backup.port, "203", killed);
            JsonNode trunk = server.trunk();
            System.out.printf("FAILOVER: registered at the backup %.2f s after kill -9 of the primary, a call through"
                    + " the backup answered at %.2f s (reason: %s)%n", registeredAtBackup, callThroughBackup,
                    trunk.get("lastFailoverReason").asText());
            assertThat(callThroughBackup).as("seconds until a call through the backup reaches the node")
                    .isLessThanOrEqualTo(5.0);
            assertThat(trunk.get("onBackup").asBoolean()).isTrue();
            assertThat(trunk.get("failovers").asLong()).isEqualTo(1);

            // the call in progress was never cut: its whole message is there (the caller's BYE, which SIPp sends
            // through the dead primary, never arrives: the node ends the call on the silence after the speech)
            JsonNode message = Calls.awaitMessages(server, "202", 1).get(0);
            inProgress.kill();
            short[] stored = Audio.readWav(server.audio("202", message.get("id").asText()));
            Audio.Match match = Audio.find(speech, stored);
            double matched = Audio.matchedShare(speech, stored, match.offset());
            System.out.printf("FAILOVER: the call in progress kept its audio: match %.3f, %.1f %% of its 100 ms"
                            + " pieces, %.2f s of %.2f s%n", match.score(), matched * 100,
                    Audio.seconds(stored) - match.offsetSeconds(), Audio.seconds(speech));
            // the speech is there, give or take a frame where the jitter buffer adapted to a late packet
            assertThat(matched).isGreaterThanOrEqualTo(0.95);
            assertThat(Audio.seconds(stored) - match.offsetSeconds()).isGreaterThan(Audio.seconds(speech) - 0.5);

            // the primary comes back: the node returns to it (failback: immediate)
            primary.start();
            long restarted = System.nanoTime();
            TrunkIT.awaitRegisteredAt(server, primary, Duration.ofSeconds(15));
            System.out.printf("FAILBACK: registered at the primary again %.2f s after it restarted%n",
                    (System.nanoTime() - restarted) / 1e9);
            assertThat(server.trunk().get("onBackup").asBoolean()).isFalse();
        }
    }
}
