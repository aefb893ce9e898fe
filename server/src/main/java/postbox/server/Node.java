package postbox.server;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.ivr.prompt.PromptLibrary;
import postbox.ivr.voicemail.FlowSettings;
import postbox.ivr.voicemail.Voicemail;
import postbox.media.MediaConfig;
import postbox.media.MediaEngine;
import postbox.server.admin.AdminApi;
import postbox.server.admin.AdminServer;
import postbox.server.admin.AdminToken;
import postbox.server.call.CallMetrics;
import postbox.server.call.CallRouter;
import postbox.server.call.Switchboard;
import postbox.server.admin.NodeControl;
import postbox.server.config.Role;
import postbox.server.config.Settings;
import postbox.server.role.Pairing;
import postbox.sip.MessageSummaries;
import postbox.sip.MessageSummary;
import postbox.sip.SipConfig;
import postbox.sip.SipEndpoint;
import postbox.store.Mailbox;
import postbox.store.MailboxDirectory;
import postbox.store.MessageCounts;
import postbox.store.PinHasher;
import postbox.store.file.FileCallFlowSettingsStore;
import postbox.store.file.FileGreetingStore;
import postbox.store.file.FileMailboxDirectory;
import postbox.store.file.FileMessageStore;

/**
 * One running Postbox node: stores, prompts, media engine, SIP endpoint and admin API, started in that order and
 * closed in reverse. Thread-safe.
 */
public final class Node implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Node.class);
    /** Demo mailboxes and PINs (SPEC section 7). */
    static final Map<String, String> DEMO_MAILBOXES = Map.of("201", "1793", "202", "2684", "203", "3579");
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private Switchboard switchboard;

    private Node() {
    }

    /** Starts a node; on failure closes what was started and throws with a sentence saying what failed. */
    public static Node start(Settings settings) throws IOException {
        Node node = new Node();
        try {
            node.startAll(settings);
            return node;
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void startAll(Settings s) throws IOException {
        Instant started = Instant.now();
        Clock clock = Clock.systemDefaultZone();
        Path data = s.data().toAbsolutePath();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new IOException("cannot create the data folder " + data + " (" + e + ")", e);
        }
        String token = AdminToken.resolve(data, s.adminToken());
        FileMessageStore messages = FileMessageStore.open(data, clock);
        FileMailboxDirectory mailboxes = FileMailboxDirectory.open(data, clock, new PinHasher(PinHasher.DEFAULT_ITERATIONS));
        FileGreetingStore greetings = FileGreetingStore.open(data);
        AdminApi.CallFlow callFlow = new AdminApi.CallFlow(FileCallFlowSettingsStore.open(data), s.callFlow());
        if (s.demo()) {
            createDemoMailboxes(mailboxes);
        }

        PromptLibrary prompts = PromptLibrary.load(s.language());
        FlowSettings flowSettings = FlowSettings.defaults(s.zone(), clock);
        // the call-flow settings an admin set (or the primary's, synced) apply from the next call on
        Voicemail voicemail = Voicemail.english(messages, mailboxes, greetings,
                () -> flowSettings.with(callFlow.effective()));
        prompts.require(voicemail.phraseIds());

        MediaEngine media = MediaEngine.start(MediaConfig.defaults(s.mediaAddress())
                .withRtpPorts(s.rtpPortMin(), s.rtpPortMax()).withClocks(s.clocks()).withRtpTimeout(s.rtpTimeout())
                .withSpinMargin(s.spinMargin()));
        resources.push(media);
        NodeMetrics metrics = new NodeMetrics();
        resources.push(metrics);
        Set<String> collectUsers = new HashSet<>(s.collectUsers());
        s.trunk().ifPresent(trunk -> collectUsers.add(trunk.user())); // the voicemail pilot, as the PBX calls it
        CallRouter router = new CallRouter(collectUsers, id -> mailboxes.find(id).isPresent());
        switchboard = new Switchboard(router, media, voicemail, prompts, s.ports(), new CallMetrics(metrics.registry));
        metrics.bind(switchboard, media);

        MessageSummaries summaries = mailbox -> mailboxes.find(mailbox).map(box -> summary(messages.counts(box.id())));
        boolean paired = s.peer().isPresent();
        SipEndpoint sip;
        try {
            // a primary or backup starts standby: its role decides when it takes calls
            sip = SipEndpoint.start(new SipConfig(s.sip().host(), s.sip().port(), s.codecs(), "Postbox/" + Main.version(),
                    s.srtp()),
                    switchboard, s.sources(), summaries, s.trunk(), !paired);
        } catch (IOException e) {
            throw new IOException("cannot listen for SIP on " + s.sip() + " (UDP and TCP): " + e.getMessage(), e);
        }
        resources.push(() -> {
            switchboard.drain(DRAIN);
            sip.close();
        });
        metrics.bind(sip);
        // MWI: every change of counts, and the state of every mailbox with messages now (for the PBX's lamps)
        messages.addListener((mailbox, counts) -> sip.publish(mailbox, summary(counts)));
        for (Mailbox mailbox : mailboxes.list()) {
            MessageSummary summary = summary(messages.counts(mailbox.id()));
            if (summary.newMessages() + summary.oldMessages() > 0) {
                sip.publish(mailbox.id(), summary);
            }
        }

        Pairing pairing = null;
        if (paired) {
            pairing = Pairing.start(s, messages, mailboxes, greetings, callFlow.stored(), sip, switchboard::activeCalls,
                    clock);
            resources.push(pairing);
            metrics.bind(pairing);
        }
        Pairing pair = pairing;
        NodeControl control = pair != null && s.role() == Role.BACKUP ? new NodeControl() {
            @Override
            public void activate() {
                pair.coordinator().activate();
            }

            @Override
            public void deactivate() {
                pair.coordinator().deactivate();
            }
        } : NodeControl.refusing(s.role().token());
        AdminApi api = new AdminApi(messages, mailboxes, greetings, callFlow, () -> new NodeStatus(s.nodeName(), s.role().token(),
                pair == null ? "active" : pair.status().state(), Main.version(), switchboard.activeCalls(),
                switchboard.portLimit(), s.sip().toString(),
                sip.trunkStatus().map(NodeStatus.Trunk::of).orElse(NodeStatus.Trunk.NOT_CONFIGURED),
                pair == null ? null : pair.status(), Duration.between(started, Instant.now()).toSeconds(),
                media.stats()), switchboard::calls, control, clock);
        try {
            resources.push(AdminServer.start(s.http().socketAddress(), api, token, metrics::scrape));
        } catch (BindException e) {
            throw new IOException("cannot listen for the admin API on " + s.http() + ": " + e.getMessage(), e);
        }
        log.info("Postbox {} node '{}' ({}) ready: SIP {} (UDP+TCP), admin http://{}, data {}, {} ports{}",
                Main.version(), s.nodeName(), s.role().token(), s.sip(), s.http(), data, s.ports(),
                s.demo() ? ", demo mailboxes 201-203" : "");
    }

    /** What MWI says of a mailbox: heard and saved messages both count as old. */
    private static MessageSummary summary(MessageCounts counts) {
        return new MessageSummary(counts.newCount(), counts.oldCount() + counts.savedCount());
    }

    private static void createDemoMailboxes(MailboxDirectory mailboxes) {
        DEMO_MAILBOXES.forEach((id, pin) -> {
            if (mailboxes.find(id).isEmpty()) {
                mailboxes.create(id, "Demo " + id, pin);
                log.info("demo mailbox {} created (PIN {})", id, pin);
            }
        });
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops taking calls, lets calls in progress save what they recorded, then stops everything. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
        log.info("stopped");
        closed.countDown();
    }
}
