package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The NATS link between the sites cut (the backup's leaf server stopped) and restored. */
class NatsLinkIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void theBackupCatchesUpWithChangesMadeWhileTheLinkWasDown() throws Exception {
        // the backup also pings the primary over SIP: it hears it without NATS and stays standby
        try (Pair pair = new Pair(dir, true, true).start()) {
            pair.backupNats.kill9();
            assertThat(pair.primary.request("POST", "/api/mailboxes",
                    "{\"id\":\"260\",\"pin\":\"5937\",\"name\":\"Sales\"}".getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(201);
            Calls.uploadGreeting(pair.primary, dir, "202");
            Thread.sleep(4000);
            assertThat(Pair.state(pair.backup)).as("the primary still answers SIP").isEqualTo("standby");
            assertThat(pair.backup.request("GET", "/api/mailboxes/260", null).statusCode()).isEqualTo(404);

            long restored = System.nanoTime();
            pair.backupNats.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    pair.backup.request("GET", "/api/mailboxes/260", null).statusCode() == 200
                            && pair.backup.request("GET", "/api/mailboxes/202/greetings/default", null).statusCode() == 200);
            System.out.printf("CATCH-UP: the backup had the changes made while the link was down %.2f s after it"
                    + " returned%n", (System.nanoTime() - restored) / 1e9);
            assertThat(Pair.state(pair.backup)).isEqualTo("standby");
        }
    }

    @Test
    void afterASplitBrainTheBackupHandsItsMessagesOverAndStandsDown() throws Exception {
        // no SIP ping: with the link cut, the backup hears nothing of the primary and takes over: both active
        try (Kamailio pbx = new Kamailio(dir, "pbx", "secret").start();
             Pair pair = new Pair(dir, true, false, TrunkIT.pbxConfig(pbx, null, "secret", "")).start()) {
            pair.backupNats.kill9();
            Pair.awaitState(pair.backup, "active", Duration.ofSeconds(10));
            assertThat(Pair.state(pair.primary)).isEqualTo("active");

            short[] speech = Peers.speech(dir, "speech", "Both nodes take messages during a split brain.");
            Peers.Sipp toPrimary = Calls.leaver(pair.primary, dir, "201", speech, 6, 1.0, FreePorts.udpRange(2)).start();
            Peers.Sipp toBackup = Calls.leaver(pair.backup, dir, "202", speech, 6, 1.0, FreePorts.udpRange(2)).start();
            assertThat(toPrimary.await(90)).as(toPrimary.output()).isZero();
            assertThat(toBackup.await(90)).as(toBackup.output()).isZero();
            String onPrimary = Calls.awaitMessages(pair.primary, "201", 1).get(0).get("id").asText();
            String onBackup = Calls.awaitMessages(pair.backup, "202", 1).get(0).get("id").asText();

            long healed = System.nanoTime();
            pair.backupNats.start();
            Pair.awaitState(pair.backup, "standby", Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> pair.primary.messages("202").size() == 1);
            System.out.printf("SPLIT BRAIN: link healed -> backup's message on the primary, backup standby in %.2f s%n",
                    (System.nanoTime() - healed) / 1e9);
            assertThat(pair.primary.messages("201").get(0).get("id").asText()).isEqualTo(onPrimary);
            assertThat(pair.primary.messages("202").get(0).get("id").asText()).isEqualTo(onBackup);
            assertThat(pair.backup.messages("202")).isEmpty();
            assertThat(Pair.state(pair.primary)).isEqualTo("active");
        }
    }
}
