package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Greetings and configuration (mailboxes, PINs, preferences, call-flow settings) changed on the primary are usable
 * on the backup within 2 s, over one shared NATS server and over a hub and a leaf; messages are not synced.
 */
class NodeSyncIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @ParameterizedTest(name = "leaf deployment: {0}")
    @ValueSource(booleans = {false, true})
    void configurationAndGreetingsReachTheBackupButMessagesDoNot(boolean leaf) throws Exception {
        try (Pair pair = new Pair(dir, leaf, false).start()) {
            // the demo mailboxes the primary created at start are on the backup too
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    pair.backup.api("/api/mailboxes").findValuesAsText("id").contains("203"));

            long t0 = System.nanoTime();
            var created = pair.primary.request("POST", "/api/mailboxes",
                    "{\"id\":\"250\",\"pin\":\"4826\",\"name\":\"Front desk\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(created.statusCode()).isEqualTo(201);
            double mailboxLag = awaitOnBackup(pair, t0, () -> pair.backup.api("/api/mailboxes/250").path("name")
                    .asText().equals("Front desk"));

            t0 = System.nanoTime();
            assertThat(pair.primary.request("PUT", "/api/mailboxes/201/pin",
                    "{\"pin\":\"5937\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(204);
            String fingerprint = pair.primary.api("/api/mailboxes/201").get("pinFingerprint").asText();
            double pinLag = awaitOnBackup(pair, t0, () -> pair.backup.api("/api/mailboxes/201")
                    .get("pinFingerprint").asText().equals(fingerprint));

            t0 = System.nanoTime();
            Calls.uploadGreeting(pair.primary, dir, "201");
            byte[] greeting = pair.primary.request("GET", "/api/mailboxes/201/greetings/default", null).body();
            double greetingLag = awaitOnBackup(pair, t0, () -> {
                var copy = pair.backup.request("GET", "/api/mailboxes/201/greetings/default", null);
                return copy.statusCode() == 200 && Arrays.equals(copy.body(), greeting);
            });
            t0 = System.nanoTime();
            assertThat(pair.primary.request("PUT", "/api/settings/call-flow",
                    "{\"maxMessageSeconds\":300,\"silenceSeconds\":8}".getBytes(StandardCharsets.UTF_8)).statusCode())
                    .isEqualTo(200);
            double callFlowLag = awaitOnBackup(pair, t0, () -> {
                JsonNode settings = pair.backup.api("/api/settings/call-flow");
                return settings.get("maxMessageSeconds").asInt() == 300 && settings.get("silenceSeconds").asInt() == 8
                        && settings.get("source").asText().equals("admin");
            });

            t0 = System.nanoTime();
            assertThat(pair.primary.request("PUT", "/api/mailboxes/201/preferences",
                    "{\"maxMessageSeconds\":1800}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            double preferencesLag = awaitOnBackup(pair, t0, () -> pair.backup.api("/api/mailboxes/201")
                    .path("preferences").path("maxMessageSeconds").asInt() == 1800);
            System.out.printf("SYNC (%s): mailbox %.0f ms, PIN %.0f ms, greeting %.0f ms, call-flow settings %.0f ms,"
                            + " preferences %.0f ms after the primary's change%n", leaf ? "hub + leaf" : "one server",
                    mailboxLag * 1000, pinLag * 1000, greetingLag * 1000, callFlowLag * 1000, preferencesLag * 1000);

            t0 = System.nanoTime();
            assertThat(pair.primary.request("DELETE", "/api/mailboxes/201/greetings/default", null).statusCode())
                    .isEqualTo(204);
            awaitOnBackup(pair, t0, () -> pair.backup.request("GET", "/api/mailboxes/201/greetings/default", null)
                    .statusCode() == 404);

            // a message left on the primary stays there
            short[] speech = Peers.speech(dir, "speech", "This stays on the primary.");
            Peers.Sipp caller = Calls.leaver(pair.primary, dir, "202", speech, 6, 1.0, FreePorts.udpRange(2)).start();
            assertThat(caller.await(90)).as(caller.output()).isZero();
            Calls.awaitMessages(pair.primary, "202", 1);
            assertThat(pair.primary.request("POST", "/api/mailboxes",
                    "{\"id\":\"251\",\"pin\":\"4826\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
            awaitOnBackup(pair, System.nanoTime(), () -> pair.backup.request("GET", "/api/mailboxes/251", null)
                    .statusCode() == 200);
            JsonNode onBackup = pair.backup.messages("202");
            assertThat(onBackup).as("messages are not synced").isEmpty();
            JsonNode sync = Pair.pairing(pair.backup).get("sync");
            assertThat(sync.get("caughtUp").asBoolean()).isTrue();
            assertThat(Files.exists(pair.backup.data.resolve("mailboxes/202/messages"))).isFalse();
        }
    }

    /** Waits (at most 2 s, the promise) until the backup shows the change; returns the seconds it took. */
    private static double awaitOnBackup(Pair pair, long sinceNanos, java.util.concurrent.Callable<Boolean> shown) {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(shown);
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
