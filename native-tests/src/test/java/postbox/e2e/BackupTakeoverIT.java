package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the primary during a call: the backup answers calls through the PBX within 5 s; messages left on it
 * come back to the restarted primary exactly once (graceful failback), with the lamps right, and the backup stands by.
 */
class BackupTakeoverIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void theBackupTakesOverAndHandsBack() throws Exception {
        try (Kamailio pbx = new Kamailio(dir, "pbx", "secret").start();
             Pair pair = new Pair(dir, true, true, TrunkIT.pbxConfig(pbx, null, "secret", ""),
                     "failback: graceful").start()) {
            TrunkIT.awaitRegisteredAt(pair.primary, pbx, Duration.ofSeconds(10));
            assertThat(pair.backup.trunk().get("registration").asText()).isEqualTo("standby");
            Peers.Sipp refused = new Peers.Sipp(dir, "uac_expect_status.xml", "STATUS", "503",
                    "NEED_HEADER", "Retry-After: [0-9]+").call("201", pair.backup.sipPort, FreePorts.udpRange(2)).start();
            assertThat(refused.await(30)).as("a standby backup answers 503:\n" + refused.output()).isZero();

            // a call in progress on the primary when it dies
            double greeting = Calls.uploadGreeting(pair.primary, dir, "201");
            short[] speech = Peers.speech(dir, "speech", "This call is on the primary when it fails. "
                    + "The words after the failure are lost with it, the ones before are recovered.");
            Peers.Sipp inProgress = Calls.leaver(pbx.port, dir, "201", speech, greeting, 1.0, FreePorts.udpRange(2))
                    .start();
            Thread.sleep((long) ((greeting + Calls.AFTER_GREETING_SECONDS + 3) * 1000));
            pair.primary.kill9();
            long killed = System.nanoTime();
            inProgress.kill();

            double answered = Calls.firstAnsweredCall(dir, pbx.port, "203", killed);
            JsonNode status = pair.backup.api("/api/status");
            System.out.printf("TAKEOVER: the backup answered a call through the PBX %.2f s after kill -9 of the primary"
                    + " (%s)%n", answered, status.get("pairing").get("reason").asText());
            assertThat(answered).as("seconds until the backup answers a new call").isLessThanOrEqualTo(5.0);
            assertThat(status.get("state").asText()).isEqualTo("active");
            assertThat(status.get("pairing").get("takeovers").asLong()).isEqualTo(1);

            // messages left on the backup while the primary is away (its greetings came with the sync)
            short[] later = Peers.speech(dir, "later", "Left on the backup while the primary was away.");
            for (int i = 0; i < 2; i++) {
                Peers.Sipp caller = Calls.leaver(pbx.port, dir, "202", later, 6, 1.0, FreePorts.udpRange(2)).start();
                assertThat(caller.await(90)).as(caller.output()).isZero();
            }
            List<String> leftOnBackup = ids(Calls.awaitMessages(pair.backup, "202", 2));
            assertThat(leftOnBackup).hasSize(2);
            // both heard on the backup: the lamp must stay off after failback (no ghost lamp)
            for (String id : leftOnBackup) {
                assertThat(pair.backup.request("PATCH", "/api/mailboxes/202/messages/" + id,
                        "{\"state\":\"old\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode())
                        .isEqualTo(200);
            }

            // the primary comes back; failback is graceful: the backup has no call, hands over and stands by
            long restarted = System.nanoTime();
            long linesBefore = pbx.log().lines().count();
            pair.primary.start();
            Pair.awaitState(pair.backup, "standby", Duration.ofSeconds(30));
            Pair.awaitState(pair.primary, "active", Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> pair.primary.messages("202").size() >= 2);
            double failback = (System.nanoTime() - restarted) / 1e9;
            TrunkIT.awaitRegisteredAt(pair.primary, pbx, Duration.ofSeconds(10));
            System.out.printf("FAILBACK: primary restarted -> messages handed over, backup standby, primary active in"
                    + " %.2f s%n", failback);

            assertThat(ids(pair.primary.messages("202"))).as("exactly once").containsExactlyInAnyOrderElementsOf(leftOnBackup);
            assertThat(pair.backup.messages("202")).isEmpty();
            assertThat(Pair.pairing(pair.backup).get("handover").get("pending").asInt()).isZero();
            // the message cut by the crash was recovered by the primary itself
            assertThat(pair.primary.messages("201")).hasSize(1);
            assertThat(pair.primary.messages("202").findValuesAsText("state")).containsOnly("OLD");
            // the lamps after failback, from the primary: 202's messages were all heard, so its lamp is off
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                String lamp = lastMwi(pbx, "202", linesBefore);
                return lamp != null && lamp.contains("Voice-Message: 0/2");
            });
            String lamp = lastMwi(pbx, "202", linesBefore);
            System.out.println("FAILBACK: the primary's lamp for 202 at the PBX: " + lamp);
            assertThat(lamp).contains("Messages-Waiting: no");
        }
    }

    /** The PBX's last logged lamp state of {@code mailbox} after its first {@code skip} log lines. */
    private static String lastMwi(Kamailio pbx, String mailbox, long skip) throws java.io.IOException {
        return pbx.log().lines().skip(skip).filter(line -> line.contains("MWI for " + mailbox + ":"))
                .reduce((a, b) -> b).orElse(null);
    }

    private static List<String> ids(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false).map(m -> m.get("id").asText()).toList();
    }
}
