package postbox.sip;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsolicited MWI (RFC 3842) towards the trunk's PBX: remembers every mailbox's latest counts, sends a
 * message-summary NOTIFY for {@code sip:MAILBOX@PBX} (answering one 401/407 with the trunk's credentials), and
 * remembers what each PBX acknowledged, so that a PBX newly registered at gets what it lacks. {@link #remember}
 * is thread-safe; everything else runs on the endpoint's scheduler thread.
 */
final class MessageWaitingNotifier {

    private static final Logger log = LoggerFactory.getLogger(MessageWaitingNotifier.class);

    private final TrunkConfig trunk;
    private final OutgoingRequests requests;
    private final ClientRequests client;
    private final Executor scheduler;
    private final BiConsumer<PbxAddress, String> pbxFailed;
    private final Map<String, MessageSummary> current = new ConcurrentHashMap<>();
    private final Map<PbxAddress, Map<String, MessageSummary>> acknowledged = new HashMap<>();

    /**
     * @param scheduler the endpoint's scheduler thread, where responses are handled
     * @param pbxFailed told (on the scheduler thread) when a NOTIFY to a PBX failed at the transaction level
     */
    MessageWaitingNotifier(TrunkConfig trunk, OutgoingRequests requests, ClientRequests client, Executor scheduler,
                           BiConsumer<PbxAddress, String> pbxFailed) {
        this.trunk = trunk;
        this.requests = requests;
        this.client = client;
        this.scheduler = scheduler;
        this.pbxFailed = pbxFailed;
    }

    /** Keeps the latest counts of a mailbox. Thread-safe. */
    void remember(String mailbox, MessageSummary summary) {
        current.put(mailbox, summary);
    }

    /** Sends the mailbox's latest counts to the PBX. */
    void send(PbxAddress pbx, String mailbox) {
        MessageSummary summary = current.get(mailbox);
        if (summary != null) {
            send(pbx, mailbox, summary, OutgoingRequests.newToken(), OutgoingRequests.newToken(), 1,
                    Optional.empty());
        }
    }

    /**
     * Sends a newly registered PBX what it may lack: when {@code everything}, every mailbox with messages; in any
     * case every mailbox whose counts differ from what that PBX last acknowledged (a lamp lit for messages since
     * deleted is put out).
     */
    void republish(PbxAddress pbx, boolean everything) {
        Map<String, MessageSummary> told = acknowledged.computeIfAbsent(pbx, p -> new HashMap<>());
        List<String> mailboxes = current.entrySet().stream()
                .filter(e -> told.containsKey(e.getKey())
                        ? !told.get(e.getKey()).equals(e.getValue()) || (everything && e.getValue().any())
                        : e.getValue().any())
                .map(Map.Entry::getKey).sorted().toList();
        log.info("MWI for {} mailboxes to the PBX {}", mailboxes.size(), pbx);
        mailboxes.forEach(mailbox -> send(pbx, mailbox));
    }

    private void send(PbxAddress pbx, String mailbox, MessageSummary summary, String callId, String fromTag,
                      long cseq, Optional<Response> challenged) {
        Request notify = requests.notify(pbx, trunk.user(), mailbox, summary, callId, fromTag, cseq);
        if (challenged.isPresent()) {
            Response response = challenged.get();
            Optional<DigestChallenge> challenge = DigestChallenge.preferred(Challenges.of(response));
            if (challenge.isEmpty()) {
                log.warn("the PBX {} answered {} to the MWI NOTIFY for {} with no challenge Postbox can answer",
                        pbx, response.getStatusCode(), mailbox);
                return;
            }
            requests.withCredentials(notify, response.getStatusCode(), DigestAuth.answer(challenge.get(),
                    trunk.user(), trunk.password(), Request.NOTIFY, notify.getRequestURI().toString(), 1,
                    OutgoingRequests.newToken()));
        }
        client.send(notify, new AwaitedResponse() {
            @Override
            public void onResponse(Response response) {
                scheduler.execute(() -> answered(pbx, mailbox, summary, callId, fromTag, cseq, challenged.isPresent(),
                        response));
            }

            @Override
            public void onFailure(String reason) {
                scheduler.execute(() -> {
                    told(pbx).remove(mailbox);
                    log.warn("MWI NOTIFY for {} to the PBX {} failed: {}", mailbox, pbx, reason);
                    pbxFailed.accept(pbx, "MWI NOTIFY failed: " + reason);
                });
            }
        });
    }

    private void answered(PbxAddress pbx, String mailbox, MessageSummary summary, String callId, String fromTag,
                          long cseq, boolean wasAnswer, Response response) {
        int status = response.getStatusCode();
        if ((status == 401 || status == 407) && !wasAnswer) {
            send(pbx, mailbox, summary, callId, fromTag, cseq + 1, Optional.of(response));
        } else if (status / 100 == 2) {
            told(pbx).put(mailbox, summary);
            log.debug("MWI {}/{} for {} acknowledged by the PBX {}", summary.newMessages(), summary.oldMessages(),
                    mailbox, pbx);
        } else {
            told(pbx).remove(mailbox);
            log.warn("the PBX {} answered {} {} to the MWI NOTIFY for {}", pbx, status, response.getReasonPhrase(),
                    mailbox);
        }
    }

    private Map<String, MessageSummary> told(PbxAddress pbx) {
        return acknowledged.computeIfAbsent(pbx, p -> new HashMap<>());
    }
}
