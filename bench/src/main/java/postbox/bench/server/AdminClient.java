package postbox.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server's admin HTTP API as the benchmark uses it: health, media counters, heap from {@code /metrics},
 * messages and their audio, greeting upload. Blocking; thread-safe.
 */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One stored message. */
    public record Message(String id, String from, long durationMs) {
    }

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param base {@code http://host:port}; @param token the bearer token */
    public AdminClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** True when {@code /health} answers 200 (false while the server is not listening yet). */
    public boolean healthy() throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The media counters of {@code /api/status}. */
    public MediaCounters media() throws IOException, InterruptedException {
        return MediaCounters.of(JSON.readTree(get("/api/status", true)));
    }

    /** The Prometheus text of {@code /metrics}. */
    public String metrics() throws IOException, InterruptedException {
        return new String(get("/metrics", false), StandardCharsets.UTF_8);
    }

    /** The messages of {@code mailbox}. */
    public List<Message> messages(String mailbox) throws IOException, InterruptedException {
        List<Message> messages = new ArrayList<>();
        for (JsonNode node : JSON.readTree(get("/api/mailboxes/" + mailbox + "/messages", true))) {
            messages.add(new Message(node.path("id").asText(), node.path("from").asText(),
                    node.path("durationMs").asLong()));
        }
        return messages;
    }

    /** A message's audio as WAV bytes. */
    public byte[] audio(String mailbox, String id) throws IOException, InterruptedException {
        return get("/api/mailboxes/" + mailbox + "/messages/" + id + "/audio?format=wav", true);
    }

    /** Sets {@code mailbox}'s default greeting. */
    public void putGreeting(String mailbox, byte[] wav) throws IOException, InterruptedException {
        HttpRequest request = authorized(URI.create(base + "/api/mailboxes/" + mailbox + "/greetings/default"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(wav)).header("Content-Type", "audio/wav").build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("greeting upload: " + response.statusCode() + " " + response.body());
        }
    }

    private byte[] get(String path, boolean api) throws IOException, InterruptedException {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = api ? authorized(uri) : HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        HttpResponse<byte[]> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
    }
}
