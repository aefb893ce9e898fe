package postbox.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the administrative {@code bin/postbox} commands use to talk to a running node's admin API. One per command.
 */
final class AdminClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    AdminClient(String hostPort, String token) {
        this.base = URI.create("http://" + hostPort);
        this.token = token;
    }

    /** The token: given, else {@code $POSTBOX_TOKEN}, else the node's {@code DATA/admin-token}. */
    static String token(String given, Path data) throws IOException {
        if (given != null) {
            return given;
        }
        String env = System.getenv("POSTBOX_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        Path file = data.resolve("admin-token");
        if (!Files.isReadable(file)) {
            throw new IOException("no admin token: pass --token, set POSTBOX_TOKEN, or point --data at the node's data folder ("
                    + file + " is not readable)");
        }
        return Files.readString(file).trim();
    }

    /** Sends a request; returns the body of a 2xx answer, else throws with the API's error sentence. */
    byte[] send(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException e) {
            throw new IOException("no Postbox node answers at " + base + " (is it running? --http HOST:PORT)");
        }
        if (response.statusCode() / 100 != 2) {
            String error;
            try {
                error = postbox.server.admin.AdminServer.JSON.readTree(response.body()).path("error").asText();
            } catch (IOException e) {
                error = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            }
            throw new IOException(method + " " + path + " failed (" + response.statusCode() + "): " + error);
        }
        return response.body();
    }

    byte[] get(String path) throws IOException, InterruptedException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }
}
