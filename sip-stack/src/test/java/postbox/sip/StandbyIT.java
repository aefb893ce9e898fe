package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standby and activation of a real {@link SipEndpoint} with a trunk to a raw-socket {@link FakePbx}: what a standby
 * endpoint answers and sends, how fast activation registers, and what deactivation keeps.
 */
class StandbyIT {

    private static final Logger log = LoggerFactory.getLogger(StandbyIT.class);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration PING_INTERVAL = Duration.ofMillis(400);

    private final RecordingHandler handler = new RecordingHandler();
    private final Map<String, MessageSummary> counts = new ConcurrentHashMap<>();
    private FakePbx pbx;
    private SipEndpoint endpoint;

    @AfterEach
    void stop() throws IOException {
        endpoint.close();
        pbx.close();
    }

    @Test
    void startedStandbyItRegistersNothingAndAnswers503UntilActivatedThenRegistersAtOnceAndRepublishesMwi()
            throws Exception {
        start(false);
        publish("201", new MessageSummary(2, 1));
        publish("202", new MessageSummary(0, 0));
        publish("203", new MessageSummary(0, 3));
        assertThat(endpoint.active()).isFalse();
        assertThat(endpoint.trunkStatus().orElseThrow().registration()).isEqualTo(RegistrationState.STANDBY);

        try (RawUac uac = RawUac.connect(Transport.UDP, endpoint.address())) {
            UacCall call = new UacCall(uac, "201");
            call.invite("pcmu-pcma-dtmf.sdp");
            SipText refused = uac.finalResponse("INVITE", 503);
            call.ackFailure(refused);
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            new UacCall(uac, "201").outOfDialog("SUBSCRIBE", "Event: message-summary");
            assertThat(uac.finalResponse("SUBSCRIBE", 503).header("Retry-After")).isEqualTo("5");
            new UacCall(uac, "postbox").outOfDialog("OPTIONS");
            assertThat(uac.finalResponse("OPTIONS", 503).header("Retry-After")).isEqualTo("5");
            assertThat(uac.drain(Duration.ofMillis(200))).as("no NOTIFY: no subscription was made")
                    .noneMatch(m -> !m.isResponse() && m.method().equals("NOTIFY"));
        }
        assertThat(handler.noCall()).as("the handler hears nothing while standby").isTrue();
        Thread.sleep(3 * PING_INTERVAL.toMillis());
        assertThat(pbx.received()).as("no REGISTER, ping or MWI NOTIFY while standby").isEmpty();

        long activating = System.nanoTime();
        endpoint.setActive(true);
        FakePbx.Received register = pbx.await(r -> r.method().equals("REGISTER"), WAIT, "a REGISTER");
        long activationMicros = Duration.ofNanos(register.atNanos() - activating).toNanos() / 1_000;

        log.info("ACTIVATION: setActive(true) -> REGISTER at the PBX in {} us", activationMicros);
        assertThat(activationMicros).as("REGISTER at once").isLessThan(500_000);
        assertThat(endpoint.active()).isTrue();
        assertThat(register.request().header("Expires")).isEqualTo("300");
        awaitRegistration(s -> s.registration() == RegistrationState.REGISTERED, "registered");
        pbx.await(r -> isNotifyFor(r, "201") && r.authorized(), WAIT, "the remembered MWI of 201");
        FakePbx.Received lamp203 = pbx.await(r -> isNotifyFor(r, "203") && r.authorized(), WAIT,
                "the remembered MWI of 203");
        assertThat(lamp203.request().body()).contains("Voice-Message: 0/3");
        assertThat(pbx.received(r -> isNotifyFor(r, "202"))).as("no messages, no NOTIFY").isEmpty();
        assertThat(pbx.received(r -> r.method().equals("NOTIFY")).getFirst().atNanos())
                .as("MWI after the registration").isGreaterThan(pbx.received(r -> r.method().equals("REGISTER")
                        && r.authorized()).getFirst().atNanos());

        try (RawUac uac = RawUac.connect(Transport.UDP, endpoint.address())) {
            new UacCall(uac, "postbox").outOfDialog("OPTIONS");
            uac.finalResponse("OPTIONS", 200);
            UacCall call = new UacCall(uac, "201");
            call.invite("pcmu-pcma-dtmf.sdp");
            call.answered();
            call.ack();
            assertThat(handler.nextCall().requestUser()).isEqualTo("201");
            assertThat(handler.nextEvent()).isEqualTo("established");
            call.bye();
            uac.finalResponse("BYE", 200);
        }
    }

    @Test
    void deactivatedWithACallUpItKeepsTheCallUnregistersFallsSilentAndTurnsAwayNewRequests() throws Exception {
        start(true);
        awaitRegistration(s -> s.registration() == RegistrationState.REGISTERED, "registered");
        publish("201", new MessageSummary(1, 0));
        try (RawUac uac = RawUac.connect(Transport.UDP, endpoint.address())) {
            UacCall call = new UacCall(uac, "201");
            call.invite("pcmu-pcma-dtmf.sdp");
            call.answered();
            call.ack();
            assertThat(handler.nextEvent()).isEqualTo("established");
            UacCall subscription = new UacCall(uac, "201");
            subscription.outOfDialog("SUBSCRIBE", "Event: message-summary", "Expires: 600");
            subscription.established("SUBSCRIBE");
            subscription.ok(notification(uac, subscription));
            long pinged = System.nanoTime();
            pbx.await(r -> r.method().equals("OPTIONS") && r.atNanos() > pinged, WAIT, "a ping while active");

            endpoint.setActive(false);

            FakePbx.Received unregister = pbx.await(r -> r.isUnregister() && r.authorized(), WAIT,
                    "an authorized un-REGISTER");
            assertThat(unregister.request().header("Call-ID"))
                    .isEqualTo(pbx.received().getFirst().request().header("Call-ID"));
            SipText last = notification(uac, subscription);
            subscription.ok(last);
            assertThat(last.header("Subscription-State")).isEqualTo("terminated;reason=deactivated");
            UacCall refused = new UacCall(uac, "202");
            refused.invite("pcmu-pcma-dtmf.sdp");
            refused.ackFailure(uac.finalResponse("INVITE", 503));

            call.bye();
            uac.finalResponse("BYE", 200);
            assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
            handler.nextCall();
            assertThat(handler.noCall()).as("the refused INVITE never reached the handler").isTrue();
            publish("201", new MessageSummary(2, 0));
            Thread.sleep(3 * PING_INTERVAL.toMillis());
            assertThat(pbx.received(r -> r.atNanos() > unregister.atNanos()))
                    .as("no REGISTER, ping or MWI NOTIFY after the un-REGISTER").isEmpty();
            TrunkStatus status = endpoint.trunkStatus().orElseThrow();
            assertThat(status.registration()).isEqualTo(RegistrationState.STANDBY);
            assertThat(status.registeredUntil()).isNull();
            assertThat(endpoint.active()).isFalse();
        }
    }

    private void start(boolean active) throws IOException {
        pbx = FakePbx.start(Transport.UDP);
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), handler,
                SourcePolicy.open(), mailbox -> Optional.ofNullable(counts.get(mailbox)),
                Optional.of(new TrunkConfig(pbx.address(), Optional.empty(), FakePbx.USER, FakePbx.PASSWORD, null,
                        PING_INTERVAL, null)), active);
    }

    private void publish(String mailbox, MessageSummary summary) {
        counts.put(mailbox, summary);
        endpoint.publish(mailbox, summary);
    }

    private void awaitRegistration(Predicate<TrunkStatus> wanted, String description) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (wanted.test(endpoint.trunkStatus().orElseThrow())) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not " + description + " within " + WAIT + ": " + endpoint.trunkStatus());
    }

    private static SipText notification(RawUac uac, UacCall subscription) {
        return uac.await(m -> !m.isResponse() && m.method().equals("NOTIFY")
                && m.header("Call-ID").equals(subscription.callId()), "a NOTIFY in the subscription");
    }

    private static boolean isNotifyFor(FakePbx.Received received, String mailbox) {
        return received.method().equals("NOTIFY")
                && received.request().firstLine().startsWith("NOTIFY sip:" + mailbox + "@");
    }
}
