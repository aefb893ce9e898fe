package postbox.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.store.DepositInfo;
import postbox.store.PinHasher;
import postbox.store.CallFlowSettings;
import postbox.store.TestWavs;
import postbox.store.audio.AudioConverter;
import postbox.store.audio.AudioFormat;
import postbox.store.file.FileCallFlowSettingsStore;
import postbox.store.file.FileGreetingStore;
import postbox.store.file.FileMailboxDirectory;
import postbox.store.file.FileMessageStore;

/** The admin API over real stores and a real HTTP socket. */
class AdminServerIT {

    @TempDir
    Path data;

    private AdminServer server;
    private FileMessageStore messages;
    private String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        Clock clock = Clock.system(ZoneOffset.UTC);
        messages = FileMessageStore.open(data, clock);
        FileMailboxDirectory mailboxes = FileMailboxDirectory.open(data, clock, new PinHasher(1000));
        mailboxes.create("201", "Alice", "1793");
        token = AdminToken.resolve(data, Optional.empty());
        AdminApi api = new AdminApi(messages, mailboxes, FileGreetingStore.open(data),
                new AdminApi.CallFlow(FileCallFlowSettingsStore.open(data), new CallFlowSettings(120, 5)),
                () -> Map.of("role", "standalone"), java.util.List::of, NodeControl.refusing("standalone"), clock);
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), api, token, () -> "postbox_up 1\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String bearer, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path, String json) throws Exception {
        return send(method, path, token, json == null ? null : json.getBytes());
    }

    private static String error(HttpResponse<String> response) throws IOException {
        return AdminServer.JSON.readTree(response.body()).get("error").asText();
    }

    @Test
    void theTokenIsGeneratedOwnerOnlyAndReusedOnRestart() throws IOException {
        Path file = data.resolve(AdminToken.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(AdminToken.resolve(data, Optional.empty())).isEqualTo(token);
        assertThat(AdminToken.resolve(data, Optional.of("configured-token-123456"))).isEqualTo("configured-token-123456");
    }

    @Test
    void everyApiCallNeedsTheBearerTokenButHealthAndMetricsDoNot() throws Exception {
        HttpResponse<String> none = send("GET", "/api/status", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"postbox\"");
        assertThat(send("GET", "/api/mailboxes", "wrong", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/metrics", null, null).body()).isEqualTo("postbox_up 1\n");
        assertThat(api("GET", "/api/status", null).body()).contains("standalone");
    }

    @Test
    void mailboxesAreCreatedWithClearErrors() throws Exception {
        HttpResponse<String> created = api("POST", "/api/mailboxes", "{\"id\":\"250\",\"pin\":\"4826\",\"name\":\"Front desk\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode mailbox = AdminServer.JSON.readTree(created.body());
        assertThat(mailbox.get("name").asText()).isEqualTo("Front desk");
        assertThat(mailbox.get("messages").get("newCount").asInt()).isZero();

        assertThat(api("POST", "/api/mailboxes", "{\"id\":\"250\",\"pin\":\"4826\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> noPin = api("POST", "/api/mailboxes", "{\"id\":\"251\"}");
        assertThat(noPin.statusCode()).isEqualTo(400);
        assertThat(error(noPin)).isEqualTo("field 'pin' is required");
        assertThat(error(api("POST", "/api/mailboxes", "{not json"))).isEqualTo("the body is not valid JSON");
        assertThat(api("POST", "/api/mailboxes", "{\"id\":\"252\",\"pin\":\"9876\"}").statusCode()).isEqualTo(400);
        assertThat(api("PUT", "/api/mailboxes/250/pin", "{\"pin\":\"5937\"}").statusCode()).isEqualTo(204);
        assertThat(api("DELETE", "/api/mailboxes/250", null).statusCode()).isEqualTo(204);
        assertThat(api("GET", "/api/mailboxes/250", null).statusCode()).isEqualTo(404);
    }

    @Test
    void messagesAreListedChangedAndServedAsWavMp3OrOpus() throws Exception {
        short[] audio = TestWavs.noise(16000, 7);
        String id;
        try (var deposit = messages.begin(new DepositInfo("201", "300", Clock.systemUTC().instant()))) {
            deposit.write(audio, 0, audio.length);
            id = deposit.commit(audio.length).id();
        }
        JsonNode list = AdminServer.JSON.readTree(api("GET", "/api/mailboxes/201/messages", null).body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("durationMs").asLong()).isEqualTo(2000);
        assertThat(list.get(0).get("state").asText()).isEqualTo("NEW");

        HttpResponse<byte[]> wav = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.address().getPort() + "/api/mailboxes/201/messages/" + id + "/audio"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wav.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(TestWavs.samples(wav.body())).containsExactly(audio);
        for (AudioFormat format : List.of(AudioFormat.MP3, AudioFormat.OPUS)) {
            HttpResponse<byte[]> encoded = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.address().getPort() + "/api/mailboxes/201/messages/" + id + "/audio?format="
                            + format.token())).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(encoded.statusCode()).isEqualTo(200);
            assertThat(encoded.headers().firstValue("Content-Type")).contains(format.mediaType());
            assertThat(encoded.body().length).as("compressed").isLessThan(wav.body().length / 4);
            short[] decoded = TestWavs.samples(AudioConverter.toWav(new ByteArrayInputStream(encoded.body()))
                    .readAllBytes());
            assertThat(decoded.length / 8000.0).as(format + " seconds").isBetween(1.9, 2.2);
        }
        HttpResponse<String> flac = api("GET", "/api/mailboxes/201/messages/" + id + "/audio?format=flac", null);
        assertThat(flac.statusCode()).isEqualTo(415);
        assertThat(error(flac)).contains("wav, mp3, opus");

        HttpResponse<String> saved = api("PATCH", "/api/mailboxes/201/messages/" + id, "{\"state\":\"saved\"}");
        assertThat(AdminServer.JSON.readTree(saved.body()).get("state").asText()).isEqualTo("SAVED");
        assertThat(error(api("PATCH", "/api/mailboxes/201/messages/" + id, "{\"state\":\"lost\"}")))
                .isEqualTo("state must be new, old, saved or deleted, got 'lost'");
        assertThat(api("GET", "/api/mailboxes/201/messages/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void greetingsTakeAnyAudioAndRefuseWhatIsNot() throws Exception {
        byte[] wav = TestWavs.wav(TestWavs.noise(8000, 3));
        assertThat(send("PUT", "/api/mailboxes/201/greetings/busy", token, wav).statusCode()).isEqualTo(204);
        assertThat(api("GET", "/api/mailboxes/201/greetings/busy", null).statusCode()).isEqualTo(200);
        byte[] opus = AudioConverter.convert(new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(16000, 4))),
                AudioFormat.OPUS);
        assertThat(send("PUT", "/api/mailboxes/201/greetings/name", token, opus).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> name = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.address().getPort() + "/api/mailboxes/201/greetings/name"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(TestWavs.samples(name.body()).length / 8000.0).isBetween(1.9, 2.1);
        HttpResponse<String> text = send("PUT", "/api/mailboxes/201/greetings/default", token,
                "this is not audio at all".getBytes());
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(error(text)).contains("audio");
        assertThat(error(send("PUT", "/api/mailboxes/201/greetings/party", token, wav)))
                .contains("unknown greeting kind 'party'");
        assertThat(api("DELETE", "/api/mailboxes/201/greetings/busy", null).statusCode()).isEqualTo(204);
        assertThat(api("DELETE", "/api/mailboxes/201/greetings/busy", null).statusCode()).isEqualTo(404);
    }

    @Test
    void callFlowSettingsAreTheConfigsUntilAnAdminSetsThem() throws Exception {
        assertThat(json(api("GET", "/api/settings/call-flow", null)).toString())
                .isEqualTo("{\"maxMessageSeconds\":120,\"silenceSeconds\":5,\"source\":\"config\"}");

        HttpResponse<String> set = api("PUT", "/api/settings/call-flow", "{\"silenceSeconds\":8}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).toString())
                .isEqualTo("{\"maxMessageSeconds\":120,\"silenceSeconds\":8,\"source\":\"admin\"}");
        assertThat(FileCallFlowSettingsStore.open(data).get()).contains(new CallFlowSettings(120, 8));
        HttpResponse<String> tooLong = api("PUT", "/api/settings/call-flow", "{\"maxMessageSeconds\":7200}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(error(tooLong)).contains("maxMessageSeconds").contains("7200");
        assertThat(api("PUT", "/api/settings/call-flow", "{\"silenceSeconds\":\"ten\"}").statusCode()).isEqualTo(400);
        assertThat(json(api("DELETE", "/api/settings/call-flow", null)).get("source").asText()).isEqualTo("config");
        assertThat(FileCallFlowSettingsStore.open(data).get()).isEmpty();
    }

    @Test
    void mailboxPreferencesAreSetShownAndChecked() throws Exception {
        HttpResponse<String> set = api("PUT", "/api/mailboxes/201/preferences", "{\"maxMessageSeconds\":1800}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).get("preferences").get("maxMessageSeconds").asInt()).isEqualTo(1800);
        assertThat(json(api("GET", "/api/mailboxes/201", null)).get("preferences").get("maxMessageSeconds").asInt())
                .isEqualTo(1800);
        HttpResponse<String> tooLong = api("PUT", "/api/mailboxes/201/preferences", "{\"maxMessageSeconds\":3601}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(error(tooLong)).contains("maxMessageSeconds");
        assertThat(api("PUT", "/api/mailboxes/299/preferences", "{}").statusCode()).isEqualTo(404);
        assertThat(json(api("PUT", "/api/mailboxes/201/preferences", "{\"maxMessageSeconds\":null}"))
                .get("preferences").get("maxMessageSeconds").isNull()).isTrue();
        assertThat(json(api("PUT", "/api/mailboxes/201/preferences", "{\"reception\":\"200\"}"))
                .get("preferences").get("reception").asText()).isEqualTo("200");
        HttpResponse<String> badReception = api("PUT", "/api/mailboxes/201/preferences", "{\"reception\":\"2 0\"}");
        assertThat(badReception.statusCode()).isEqualTo(400);
        assertThat(error(badReception)).contains("reception");
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return AdminServer.JSON.readTree(response.body());
    }

    @Test
    void onlyABackupTakesActivationOrders() throws Exception {
        HttpResponse<String> refused = api("POST", "/api/node/activate", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(error(refused)).isEqualTo("only a backup node can be activated; this node is standalone");
    }

    @Test
    void unknownPathsAndMethodsAreSaidSo() throws Exception {
        assertThat(api("GET", "/api/nothing", null).statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = api("DELETE", "/api/status", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(error(wrongMethod)).isEqualTo("method DELETE not allowed on /api/status");
    }
}
