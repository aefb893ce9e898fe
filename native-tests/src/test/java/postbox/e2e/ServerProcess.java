package postbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged server as a real process, started the way the README says ({@code bin/postbox serve --demo ...}),
 * on loopback with free ports and its own data folder. Its output goes to {@code DATA/../server-N.log}.
 */
final class ServerProcess implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("postbox.home", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path data;
    final int sipPort;
    final int httpPort;
    final int rtpBase;
    private final List<String> extraConfig;
    private boolean demo = true;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    /**
     * @param dir         a folder for this server's data, config and logs
     * @param extraConfig YAML lines added to the generated config (e.g. {@code "node: { ports: 1 }"})
     */
    ServerProcess(Path dir, String... extraConfig) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.sipPort = FreePorts.udpAndTcp();
        this.httpPort = FreePorts.udpAndTcp();
        this.rtpBase = FreePorts.udpRange(200);
        this.extraConfig = List.of(extraConfig);
    }

    /** Without {@code --demo}: no demo mailboxes, loopback not trusted. */
    ServerProcess withoutDemo() {
        demo = false;
        return this;
    }

    /** Starts (or restarts, on the same data) and waits until /health answers. */
    ServerProcess start() throws IOException, InterruptedException {
        Path config = dir.resolve("postbox.yaml");
        List<String> lines = new ArrayList<>();
        lines.add("media: { address: 127.0.0.1, rtpPorts: " + rtpBase + "-" + (rtpBase + 199) + " }");
        lines.addAll(extraConfig);
        Files.writeString(config, String.join("\n", lines) + "\n");
        Path log = dir.resolve("server-" + (++starts) + ".log");
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/postbox").toString(), "serve",
                "--config", config.toString(), "--sip", "127.0.0.1:" + sipPort, "--http", "127.0.0.1:" + httpPort,
                "--data", data.toString()));
        if (demo) {
            command.add("--demo");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Processes.awaitReady(process, "server", log, Duration.ofSeconds(60), Duration.ofMillis(100), "answer /health",
                () -> {
                    try {
                        return http.send(HttpRequest.newBuilder(uri("/health")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    String token() throws IOException {
        return Files.readString(data.resolve("admin-token")).trim();
    }

    HttpResponse<byte[]> request(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET an /api path as JSON, failing on a non-200. */
    JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = request("GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " → " + response.statusCode() + " " + new String(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** The trunk part of /api/status. */
    JsonNode trunk() throws IOException, InterruptedException {
        return api("/api/status").get("trunk");
    }

    /** The messages of a mailbox. */
    JsonNode messages(String mailbox) throws IOException, InterruptedException {
        return api("/api/mailboxes/" + mailbox + "/messages");
    }

    /** A message's audio as WAV bytes. */
    byte[] audio(String mailbox, String id) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = request("GET", "/api/mailboxes/" + mailbox + "/messages/" + id + "/audio?format=wav", null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("audio → " + response.statusCode());
        }
        return response.body();
    }

    /** The server's log so far (for assertion messages). */
    String log() throws IOException {
        return Files.readString(dir.resolve("server-" + starts + ".log"));
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook runs. */
    void kill9() throws InterruptedException {
        Processes.kill9(process);
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process, Duration.ofSeconds(15));
    }
}
