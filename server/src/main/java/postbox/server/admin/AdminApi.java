package postbox.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import postbox.store.CallFlowSettings;
import postbox.store.CallFlowSettingsStore;
import postbox.store.GreetingKind;
import postbox.store.GreetingStore;
import postbox.store.Mailbox;
import postbox.store.MailboxDirectory;
import postbox.store.MailboxPreferences;
import postbox.store.MessageCounts;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.MessageStore;
import postbox.store.audio.AudioConverter;
import postbox.store.audio.AudioFormat;

/**
 * The admin API's routes (SPEC section 7) over the node's stores. Thread-safe (the stores are).
 *
 * <pre>
 * GET    /api/status                                    GET  /api/calls   (calls in progress, media stats)
 * GET    /api/mailboxes                                 POST /api/mailboxes {"id","pin","name"}
 * GET    /api/mailboxes/{id}                            DELETE /api/mailboxes/{id}
 * PUT    /api/mailboxes/{id}/pin {"pin"}                POST /api/mailboxes/{id}/unlock
 * GET    /api/mailboxes/{id}/messages
 * GET    /api/mailboxes/{id}/messages/{msg}             PATCH  /api/mailboxes/{id}/messages/{msg} {"state"}
 * GET    /api/mailboxes/{id}/messages/{msg}/audio[?format=wav|mp3|opus]
 * GET|PUT|DELETE /api/mailboxes/{id}/greetings/{kind}   (kind: default, busy, noanswer, temporary, name; any audio)
 * PUT    /api/mailboxes/{id}/preferences {"maxMessageSeconds": 1-3600 or null, "reception": "200" or null}
 * GET|PUT|DELETE /api/settings/call-flow {"maxMessageSeconds": 1-3600, "silenceSeconds": 1-60}
 * POST   /api/node/activate                             POST /api/node/deactivate   (a backup node)
 * </pre>
 */
public final class AdminApi {


    private final MessageStore messages;
    private final MailboxDirectory mailboxes;
    private final GreetingStore greetings;
    private final CallFlow callFlow;
    private final Supplier<Object> status;
    private final Supplier<Object> calls;
    private final NodeControl node;
    private final Clock clock;

    /**
     * The mailbox as the API shows it.
     *
     * @param pinFingerprint a short digest of the stored PIN hash: equal on two nodes when their PINs are in sync
     *                       (it tells nothing of the PIN)
     */
    public record MailboxView(String id, String name, boolean locked, Instant lockedUntil, String pinFingerprint,
                              MailboxPreferences preferences, MessageCounts messages) {
    }

    /**
     * The call-flow settings: those an admin set, else the node's config.
     *
     * @param stored     what an admin set (or the primary's, synced to a backup)
     * @param configured the {@code voicemail.*} config keys
     */
    public record CallFlow(CallFlowSettingsStore stored, CallFlowSettings configured) {

        /** The settings calls use now. */
        public CallFlowSettings effective() {
            return stored.get().orElse(configured);
        }
    }

    /**
     * The call-flow settings as the API shows them.
     *
     * @param source {@code admin} when an admin set them (on a backup: the primary's admin), {@code config} when
     *               they are the node's config keys
     */
    public record CallFlowView(int maxMessageSeconds, int silenceSeconds, String source) {
    }

    public AdminApi(MessageStore messages, MailboxDirectory mailboxes, GreetingStore greetings, CallFlow callFlow,
                    Supplier<Object> status, Supplier<Object> calls, NodeControl node, Clock clock) {
        this.callFlow = callFlow;
        this.calls = calls;
        this.node = node;
        this.clock = clock;
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.greetings = greetings;
        this.status = status;
    }

    List<Route> routes() {
        String box = "/api/mailboxes/{id}";
        String msg = box + "/messages/{msg}";
        return List.of(
                Route.of("GET", "/api/status", r -> ApiResponse.ok(status.get())),
                Route.of("GET", "/api/calls", r -> ApiResponse.ok(calls.get())),
                Route.of("POST", "/api/node/activate", r -> order(node::activate)),
                Route.of("POST", "/api/node/deactivate", r -> order(node::deactivate)),
                Route.of("GET", "/api/mailboxes", r -> ApiResponse.ok(mailboxes.list().stream().map(this::view).toList())),
                Route.of("POST", "/api/mailboxes", this::createMailbox),
                Route.of("GET", box, r -> ApiResponse.ok(view(mailbox(r.param(0))))),
                Route.of("DELETE", box, r -> {
                    mailboxes.delete(mailbox(r.param(0)).id());
                    return ApiResponse.empty();
                }),
                Route.of("PUT", box + "/pin", r -> {
                    mailboxes.changePin(mailbox(r.param(0)).id(), text(json(r), "pin"));
                    return ApiResponse.empty();
                }),
                Route.of("PUT", box + "/preferences", r -> {
                    Mailbox mailbox = mailbox(r.param(0));
                    JsonNode body = json(r);
                    mailboxes.setPreferences(mailbox.id(), new MailboxPreferences(
                            optionalInteger(body, "maxMessageSeconds"), optionalText(body, "reception")));
                    return ApiResponse.ok(view(mailbox(mailbox.id())));
                }),
                Route.of("GET", "/api/settings/call-flow", r -> ApiResponse.ok(callFlowView())),
                Route.of("PUT", "/api/settings/call-flow", this::setCallFlow),
                Route.of("DELETE", "/api/settings/call-flow", r -> {
                    callFlow.stored().clear();
                    return ApiResponse.ok(callFlowView());
                }),
                Route.of("POST", box + "/unlock", r -> {
                    mailboxes.unlock(mailbox(r.param(0)).id());
                    return ApiResponse.empty();
                }),
                Route.of("GET", box + "/messages", r -> ApiResponse.ok(messages.list(mailbox(r.param(0)).id()))),
                Route.of("GET", msg, r -> ApiResponse.ok(message(r))),
                Route.of("PATCH", msg, this::changeState),
                Route.of("GET", msg + "/audio", this::audio),
                Route.of("GET", box + "/greetings/{kind}", r -> {
                    String id = mailbox(r.param(0)).id();
                    return greetings.open(id, GreetingKind.parse(r.param(1)))
                            .<ApiResponse>map(in -> new ApiResponse.Stream(200, AudioFormat.WAV.mediaType(), in))
                            .orElseThrow(() -> ApiException.notFound("greeting " + r.param(1) + " of mailbox " + id));
                }),
                Route.of("PUT", box + "/greetings/{kind}", r -> {
                    String id = mailbox(r.param(0)).id();
                    GreetingKind kind = GreetingKind.parse(r.param(1));
                    greetings.put(id, kind, AudioConverter.toWav(r.body()));
                    return ApiResponse.empty();
                }),
                Route.of("DELETE", box + "/greetings/{kind}", r -> {
                    String id = mailbox(r.param(0)).id();
                    if (!greetings.delete(id, GreetingKind.parse(r.param(1)))) {
                        throw ApiException.notFound("greeting " + r.param(1) + " of mailbox " + id);
                    }
                    return ApiResponse.empty();
                }));
    }

    private ApiResponse order(Runnable order) {
        try {
            order.run();
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        return ApiResponse.ok(status.get());
    }

    private ApiResponse createMailbox(ApiRequest request) throws IOException {
        JsonNode body = json(request);
        String id = text(body, "id");
        if (mailboxes.find(id).isPresent()) {
            throw new ApiException(409, "mailbox " + id + " exists already");
        }
        String name = body.hasNonNull("name") ? body.get("name").asText() : "";
        return ApiResponse.created(view(mailboxes.create(id, name, text(body, "pin"))));
    }

    /** Fields left out keep their current value. */
    private ApiResponse setCallFlow(ApiRequest request) throws IOException {
        JsonNode body = json(request);
        CallFlowSettings now = callFlow.effective();
        Integer max = optionalInteger(body, "maxMessageSeconds");
        Integer silence = optionalInteger(body, "silenceSeconds");
        callFlow.stored().put(new CallFlowSettings(max == null ? now.maxMessageSeconds() : max,
                silence == null ? now.silenceSeconds() : silence));
        return ApiResponse.ok(callFlowView());
    }

    private CallFlowView callFlowView() {
        CallFlowSettings effective = callFlow.effective();
        return new CallFlowView(effective.maxMessageSeconds(), effective.silenceSeconds(),
                callFlow.stored().get().isPresent() ? "admin" : "config");
    }

    private ApiResponse changeState(ApiRequest request) throws IOException {
        MessageInfo message = message(request);
        String state = text(json(request), "state");
        MessageState target;
        try {
            target = MessageState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state must be new, old, saved or deleted, got '" + state + "'");
        }
        return ApiResponse.ok(messages.setState(message.mailbox(), message.id(), target));
    }

    private ApiResponse audio(ApiRequest request) throws IOException {
        MessageInfo message = message(request);
        AudioFormat format;
        try {
            format = AudioFormat.parse(request.query("format").orElse("wav"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(415, e.getMessage());
        }
        InputStream wav = messages.openAudio(message.mailbox(), message.id());
        if (format == AudioFormat.WAV) {
            return new ApiResponse.Stream(200, format.mediaType(), wav);
        }
        try (wav) {
            return new ApiResponse.Stream(200, format.mediaType(),
                    new ByteArrayInputStream(AudioConverter.convert(wav, format)));
        }
    }

    private Mailbox mailbox(String id) {
        return mailboxes.find(id).orElseThrow(() -> ApiException.notFound("mailbox " + id));
    }

    private MessageInfo message(ApiRequest request) {
        String box = mailbox(request.param(0)).id();
        return messages.find(box, request.param(1))
                .orElseThrow(() -> ApiException.notFound("message " + request.param(1) + " in mailbox " + box));
    }

    private MailboxView view(Mailbox mailbox) {
        Instant until = mailbox.lockedUntil();
        boolean locked = until != null && until.isAfter(clock.instant());
        String fingerprint = mailboxes.export(mailbox.id()).map(entry -> fingerprint(entry.pinHash())).orElse(null);
        return new MailboxView(mailbox.id(), mailbox.name(), locked, locked ? until : null, fingerprint,
                mailbox.preferences(), messages.counts(mailbox.id()));
    }

    private static String fingerprint(String pinHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pinHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(ApiRequest request) throws IOException {
        byte[] body = request.bodyBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is needed");
        }
        try {
            return AdminServer.JSON.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
    }

    /** A text field; null when absent or null. */
    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw ApiException.badRequest("field '" + field + "' must be text, got " + node);
        }
        return node.asText();
    }

    /** A whole-number field; null when absent or null. */
    private static Integer optionalInteger(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ApiException.badRequest("field '" + field + "' must be a whole number, got " + node);
        }
        return node.intValue();
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        return node.asText();
    }
}
