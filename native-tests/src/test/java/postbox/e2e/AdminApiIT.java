package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The admin API and the administrative bin/postbox commands against the packaged server. */
class AdminApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void theApiNeedsTheGeneratedTokenButHealthAndMetricsDoNot() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(Files.getPosixFilePermissions(server.data.resolve("admin-token")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(server.uri("/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(server.uri("/api/status"))
                    .header("Authorization", "Bearer not-the-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(server.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(server.uri("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("postbox_calls_active", "postbox_media_ticks_total",
                    "postbox_media_tick_lateness_total{bucket=\"<=0.1ms\"}", "postbox_media_jitter_max_milliseconds");

            JsonNode status = server.api("/api/status");
            assertThat(status.get("role").asText()).isEqualTo("standalone");
            assertThat(status.get("version").asText()).isNotBlank();
            assertThat(status.get("activeCalls").asInt()).isZero();
            assertThat(status.get("portLimit").asInt()).isEqualTo(30);
            assertThat(status.get("trunk").get("registration").asText()).isEqualTo("not configured");

            JsonNode boxes = server.api("/api/mailboxes");
            assertThat(boxes.findValuesAsText("id")).contains("201", "202", "203");
        }
    }

    @Test
    void adminsCreateMailboxesAndGreetingsAndGetClearErrors() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            var created = server.request("POST", "/api/mailboxes",
                    "{\"id\":\"250\",\"pin\":\"4826\",\"name\":\"Front desk\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(created.body()).get("name").asText()).isEqualTo("Front desk");

            var again = server.request("POST", "/api/mailboxes",
                    "{\"id\":\"250\",\"pin\":\"4826\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(again.statusCode()).isEqualTo(409);
            var weakPin = server.request("POST", "/api/mailboxes",
                    "{\"id\":\"251\",\"pin\":\"1234\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(weakPin.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(weakPin.body()).get("error").asText()).containsIgnoringCase("sequence");

            var notWav = server.request("PUT", "/api/mailboxes/250/greetings/default",
                    "this is not audio".getBytes(StandardCharsets.UTF_8));
            assertThat(notWav.statusCode()).isEqualTo(400);
            assertThat(Calls.uploadGreeting(server, dir, "250")).isPositive();
            var greeting = server.request("GET", "/api/mailboxes/250/greetings/default", null);
            assertThat(greeting.statusCode()).isEqualTo(200);
            assertThat(new String(greeting.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(server.request("GET", "/api/mailboxes/999/messages", null).statusCode()).isEqualTo(404);
            assertThat(server.request("PUT", "/api/mailboxes/250/greetings/bogus", new byte[0]).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theCommandLineAdministersARunningNode() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            String api = "127.0.0.1:" + server.httpPort;
            String data = server.data.toString();
            String out = Peers.run(dir, 60, ServerProcess.HOME.resolve("bin/postbox").toString(), "mailbox", "add", "260",
                    "--pin", "5937", "--name", "Sales", "--http", api, "--data", data);
            assertThat(out).contains("mailbox 260 created");
            String list = Peers.run(dir, 60, ServerProcess.HOME.resolve("bin/postbox").toString(), "mailbox", "list",
                    "--http", api, "--data", data);
            assertThat(JSON.readTree(list).findValuesAsText("id")).contains("201", "260");
            String postbox = ServerProcess.HOME.resolve("bin/postbox").toString();
            String preferences = Peers.run(dir, 60, postbox, "mailbox", "max-length", "260", "1800", "--http", api,
                    "--data", data);
            assertThat(JSON.readTree(preferences).path("preferences").path("maxMessageSeconds").asInt()).isEqualTo(1800);
            JsonNode withReception = JSON.readTree(Peers.run(dir, 60, postbox, "mailbox", "reception", "260", "200",
                    "--http", api, "--data", data)).path("preferences");
            assertThat(withReception.path("reception").asText()).isEqualTo("200");
            assertThat(withReception.path("maxMessageSeconds").asInt()).as("kept").isEqualTo(1800);
            String settings = Peers.run(dir, 60, postbox, "call-flow", "set", "--silence", "9", "--http", api,
                    "--data", data);
            assertThat(JSON.readTree(settings).toString())
                    .isEqualTo("{\"maxMessageSeconds\":120,\"silenceSeconds\":9,\"source\":\"admin\"}");
            assertThat(JSON.readTree(Peers.run(dir, 60, postbox, "call-flow", "reset", "--http", api, "--data", data))
                    .path("source").asText()).isEqualTo("config");

            // a greeting from an MP3 made by sox: stored as the store's WAV
            short[] greeting = Peers.speech(dir, "greeting", "Sales. Please leave a message.");
            Path mp3 = dir.resolve("greeting.mp3");
            Peers.run(dir, 60, "sox", dir.resolve("greeting.wav").toString(), mp3.toString());
            assertThat(Peers.run(dir, 60, postbox, "greeting", "import", "260", "default", mp3.toString(), "--http", api,
                    "--data", data)).contains("imported");
            short[] stored = Audio.readWav(server.request("GET", "/api/mailboxes/260/greetings/default", null).body());
            Audio.Match match = Audio.find(greeting, stored);
            System.out.printf("IMPORT mp3: %.2f s of speech stored as %.2f s, match %.3f%n", Audio.seconds(greeting),
                    Audio.seconds(stored), match.score());
            assertThat(match.score()).isGreaterThan(0.8);

            Process bad = new ProcessBuilder(ServerProcess.HOME.resolve("bin/postbox").toString(), "mailbox", "add", "261",
                    "--pin", "1111", "--http", api, "--data", data).redirectErrorStream(true).start();
            String error = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bad.waitFor()).isNotZero();
            assertThat(error).startsWith("postbox: ").containsIgnoringCase("digit");
        }
    }

    @Test
    void aBadConfigNamesTheKeyAndTheFile() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "node:\n  ports: -3\n");
        Process p = new ProcessBuilder(ServerProcess.HOME.resolve("bin/postbox").toString(), "serve", "--config",
                config.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isNotZero();
        assertThat(out).contains(config.toString()).contains("node.ports").doesNotContain("Exception");
        assertThat(Set.of(out.split("\n"))).hasSizeLessThanOrEqualTo(2);
    }
}
