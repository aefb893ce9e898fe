package postbox.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.ivr.prompt.PromptLibrary;
import postbox.ivr.voicemail.FlowSettings;
import postbox.ivr.voicemail.Voicemail;
import postbox.media.MediaConfig;
import postbox.media.MediaEngine;
import postbox.sip.Answer;
import postbox.sip.CallControl;
import postbox.sip.EndReason;
import postbox.sip.IncomingCall;
import postbox.sip.MediaDirection;
import postbox.sip.MediaOffer;
import postbox.sip.Party;
import postbox.sip.Transport;
import postbox.store.PinHasher;
import postbox.store.file.FileGreetingStore;
import postbox.store.file.FileMailboxDirectory;
import postbox.store.file.FileMessageStore;

class SwitchboardTest {

    @TempDir
    Path data;

    private MediaEngine media;
    private SimpleMeterRegistry registry;
    private final AtomicInteger hangups = new AtomicInteger();

    @BeforeEach
    void setUp() {
        media = MediaEngine.withManualClock(MediaConfig.defaults(InetAddress.getLoopbackAddress()));
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() {
        media.close();
    }

    private Switchboard switchboard(int ports) throws IOException {
        Clock clock = Clock.system(ZoneOffset.UTC);
        FileMailboxDirectory mailboxes = FileMailboxDirectory.open(data, clock, new PinHasher(1000));
        mailboxes.create("201", "Test", "1793");
        Voicemail voicemail = Voicemail.english(FileMessageStore.open(data, clock), mailboxes,
                FileGreetingStore.open(data), FlowSettings.defaults(ZoneOffset.UTC, clock));
        CallRouter router = new CallRouter(Set.of("*17"), id -> mailboxes.find(id).isPresent());
        return new Switchboard(router, media, voicemail, PromptLibrary.load("en"), ports, new CallMetrics(registry));
    }

    private static IncomingCall call(String id, String user) {
        MediaOffer offer = new MediaOffer(new InetSocketAddress("127.0.0.1", 40000), "PCMU", 0, 8000, 101, 20,
                MediaDirection.SENDRECV);
        return new IncomingCall(id, new Party("300", "", "sip:300@pbx"), new Party(user, "", "sip:" + user + "@pb"),
                user, Optional.empty(), new InetSocketAddress("127.0.0.1", 5060), Transport.UDP, offer, false);
    }

    private CallControl control(String id) {
        return new CallControl() {
            @Override
            public String callId() {
                return id;
            }

            @Override
            public void hangup() {
                hangups.incrementAndGet();
            }

            @Override
            public java.util.concurrent.CompletableFuture<Boolean> transfer(String number) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
        };
    }

    @Test
    void anUnknownUserIsNotFound() throws IOException {
        Answer answer = switchboard(2).onInvite(call("c1", "999"), control("c1"));

        assertThat(answer).isEqualTo(new Answer.Reject(404, "Not Found"));
        assertThat(registry.counter("postbox.calls.rejected", "status", "404").count()).isEqualTo(1);
    }

    @Test
    void aMailboxCallIsAnsweredOnALoopbackRtpPort() throws IOException {
        Switchboard switchboard = switchboard(2);

        Answer answer = switchboard.onInvite(call("c1", "201"), control("c1"));

        assertThat(answer).isInstanceOf(Answer.Accept.class);
        InetSocketAddress local = ((Answer.Accept) answer).localMedia();
        assertThat(local.getAddress().isLoopbackAddress()).isTrue();
        assertThat(local.getPort()).isPositive();
        assertThat(switchboard.activeCalls()).isEqualTo(1);
        assertThat(registry.counter("postbox.calls", "start", "leave").count()).isEqualTo(1);
    }

    @Test
    void beyondThePortLimitCallsGet503WithRetryAfterUntilAPortIsFree() throws IOException {
        Switchboard switchboard = switchboard(1);
        Answer first = switchboard.onInvite(call("c1", "201"), control("c1"));

        Answer second = switchboard.onInvite(call("c2", "*17"), control("c2"));

        assertThat(second).isEqualTo(new Answer.Reject(503, "Service Unavailable", Duration.ofSeconds(30)));
        ((Answer.Accept) first).listener().onEnded(EndReason.CANCELLED); // never established
        assertThat(switchboard.activeCalls()).isZero();
        assertThat(switchboard.onInvite(call("c3", "*17"), control("c3"))).isInstanceOf(Answer.Accept.class);
    }

    @Test
    void drainingRefusesNewCallsAndHangsUpTheOnesInProgress() throws Exception {
        Switchboard switchboard = switchboard(2);
        ((Answer.Accept) switchboard.onInvite(call("c1", "201"), control("c1"))).listener().onEstablished();

        switchboard.drain(Duration.ofSeconds(5)); // the flow sees the hangup and ends

        assertThat(switchboard.activeCalls()).isZero();
        assertThat(hangups.get()).isPositive();
        assertThat(switchboard.onInvite(call("c2", "201"), control("c2")))
                .isEqualTo(new Answer.Reject(503, "Service Unavailable", Duration.ofSeconds(30)));
    }
}
