package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MWI of a real {@link SipEndpoint}: unsolicited NOTIFY to its trunk's {@link FakePbx} (407 answered) and
 * message-summary SUBSCRIBE dialogs from a raw-socket subscriber. One endpoint for the class.
 */
class MessageWaitingIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Map<String, MessageSummary> COUNTS = new ConcurrentHashMap<>();
    private static FakePbx pbx;
    private static SipEndpoint endpoint;

    private RawUac uac;

    @BeforeAll
    static void start() throws Exception {
        pbx = FakePbx.start(Transport.UDP);
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), new RecordingHandler(),
                SourcePolicy.open(), mailbox -> Optional.ofNullable(COUNTS.get(mailbox)),
                Optional.of(TrunkConfig.of(pbx.address(), Optional.empty(), FakePbx.USER, FakePbx.PASSWORD)));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (endpoint.trunkStatus().orElseThrow().registration() != RegistrationState.REGISTERED) {
            assertThat(System.nanoTime()).as("registered in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        endpoint.close();
        pbx.close();
    }

    @BeforeEach
    void subscriber() throws IOException {
        COUNTS.put("201", new MessageSummary(0, 0));
        COUNTS.put("202", new MessageSummary(1, 1));
        uac = RawUac.connect(Transport.UDP, endpoint.address());
    }

    @AfterEach
    void closeSubscriber() throws IOException {
        uac.close();
    }

    @Test
    void aChangeIsNotifiedToThePbxAnsweringItsChallenge() throws Exception {
        publish("210", new MessageSummary(3, 2));

        FakePbx.Received challenged = pbx.await(r -> r.method().equals("NOTIFY") && isFor(r, "210")
                && r.request().header("Proxy-Authorization") == null, WAIT, "the first NOTIFY for 210");
        FakePbx.Received answered = pbx.await(r -> r.method().equals("NOTIFY") && isFor(r, "210") && r.authorized(),
                WAIT, "the NOTIFY for 210 with right credentials");

        SipText notify = answered.request();
        assertThat(notify.firstLine()).isEqualTo("NOTIFY sip:210@" + pbx.address() + " SIP/2.0");
        assertThat(notify.header("To")).isEqualTo("<sip:210@127.0.0.1>");
        assertThat(notify.header("From")).startsWith("<sip:vmpro@127.0.0.1>;tag=");
        assertThat(notify.header("Event")).isEqualTo("message-summary");
        assertThat(notify.header("Subscription-State")).isEqualTo("active");
        assertThat(notify.header("Content-Type")).isEqualTo("application/simple-message-summary");
        assertThat(notify.body()).isEqualTo("Messages-Waiting: yes\r\nMessage-Account: sip:210@127.0.0.1\r\n"
                + "Voice-Message: 3/2\r\n");
        assertThat(notify.header("Call-ID")).isEqualTo(challenged.request().header("Call-ID"));
        assertThat(notify.header("CSeq")).isEqualTo("2 NOTIFY");
        assertThat(notify.header("Proxy-Authorization")).contains("username=\"vmpro\"", "realm=\"fakepbx\"");
    }

    @Test
    void aSubscriptionGets200ThenTheCurrentStateThenEachPublishedChange() {
        UacCall subscription = new UacCall(uac, "202");
        subscription.outOfDialog("SUBSCRIBE", "Event: message-summary", "Expires: 60",
                "Accept: application/simple-message-summary");

        SipText ok = subscription.established("SUBSCRIBE");
        assertThat(ok.header("Expires")).isEqualTo("60");
        assertThat(ok.header("Contact")).contains("127.0.0.1:" + endpoint.address().getPort());
        SipText first = notification(subscription);
        assertThat(first.header("Subscription-State")).matches("active;expires=(59|60)");
        assertThat(first.header("Event")).isEqualTo("message-summary");
        assertThat(first.body()).isEqualTo("Messages-Waiting: yes\r\nMessage-Account: sip:202@127.0.0.1\r\n"
                + "Voice-Message: 1/1\r\n");
        assertThat(first.header("To")).contains("tag=");
        assertThat(first.header("Call-ID")).isEqualTo(subscription.callId());

        publish("202", new MessageSummary(0, 2));
        SipText change = notification(subscription);
        assertThat(change.body()).contains("Messages-Waiting: no", "Voice-Message: 0/2");
        assertThat(change.header("Subscription-State")).startsWith("active;expires=");

        subscription.inDialogWith("SUBSCRIBE", "Event: message-summary", "Expires: 0");
        uac.finalResponse("SUBSCRIBE", 200);
        assertThat(notification(subscription).header("Subscription-State")).isEqualTo("terminated;reason=timeout");
    }

    @Test
    void aShortSubscriptionEndsWithATerminatedNotifyAndARefreshExtendsOne() throws Exception {
        int before = endpoint.subscriptions();
        UacCall refreshed = new UacCall(uac, "201");
        refreshed.outOfDialog("SUBSCRIBE", "Event: message-summary", "Expires: 2");
        refreshed.established("SUBSCRIBE");
        assertThat(notification(refreshed).header("Subscription-State")).matches("active;expires=[12]");
        refreshed.inDialogWith("SUBSCRIBE", "Event: message-summary", "Expires: 30");
        assertThat(uac.finalResponse("SUBSCRIBE", 200).header("Expires")).isEqualTo("30");
        assertThat(notification(refreshed).header("Subscription-State")).matches("active;expires=(29|30)");

        UacCall shortOne = new UacCall(uac, "201");
        shortOne.outOfDialog("SUBSCRIBE", "Event: message-summary", "Expires: 2");
        shortOne.established("SUBSCRIBE");
        notification(shortOne);
        SipText last = uac.await(m -> m.method().equals("NOTIFY") && !m.isResponse()
                && m.header("Call-ID").equals(shortOne.callId()), "the NOTIFY at expiry");
        shortOne.ok(last);

        assertThat(last.header("Subscription-State")).isEqualTo("terminated;reason=timeout");
        assertThat(uac.drain(Duration.ofMillis(700))).as("the refreshed subscription lives on")
                .noneMatch(m -> m.method().equals("NOTIFY"));
        assertThat(endpoint.subscriptions()).isEqualTo(before + 1);
        refreshed.inDialogWith("SUBSCRIBE", "Event: message-summary", "Expires: 0");
        uac.finalResponse("SUBSCRIBE", 200);
        notification(refreshed);
    }

    @Test
    void expiresIsCappedAtAnHour() {
        UacCall subscription = new UacCall(uac, "201");
        subscription.outOfDialog("SUBSCRIBE", "Event: message-summary", "Expires: 86400");

        assertThat(subscription.established("SUBSCRIBE").header("Expires")).isEqualTo("3600");
        notification(subscription);
        subscription.inDialogWith("SUBSCRIBE", "Event: message-summary", "Expires: 0");
        uac.finalResponse("SUBSCRIBE", 200);
        notification(subscription);
    }

    @Test
    void unknownMailboxesOtherEventsAndOtherBodiesAreRefused() {
        new UacCall(uac, "999").outOfDialog("SUBSCRIBE", "Event: message-summary");
        uac.finalResponse("SUBSCRIBE", 404);

        new UacCall(uac, "201").outOfDialog("SUBSCRIBE", "Event: presence");
        SipText badEvent = uac.finalResponse("SUBSCRIBE", 489);
        assertThat(badEvent.header("Allow-Events")).isEqualTo("message-summary");

        new UacCall(uac, "201").outOfDialog("SUBSCRIBE", "Event: message-summary", "Accept: text/plain");
        uac.finalResponse("SUBSCRIBE", 406);

        assertThat(uac.drain(Duration.ofMillis(300))).noneMatch(m -> m.method().equals("NOTIFY"));
    }

    @Test
    void strayNotifiesGet489OutOfADialogAnd481InOne() {
        new UacCall(uac, "postbox").outOfDialog("NOTIFY", "Event: keep-alive");
        uac.finalResponse("NOTIFY", 489);

        new UacCall(uac, "postbox").stray("NOTIFY");
        uac.finalResponse("NOTIFY", 481);
    }

    private SipText notification(UacCall subscription) {
        SipText notify = uac.await(m -> m.method().equals("NOTIFY") && !m.isResponse()
                && m.header("Call-ID").equals(subscription.callId()), "a NOTIFY in the subscription");
        subscription.ok(notify);
        return notify;
    }

    private static void publish(String mailbox, MessageSummary summary) {
        COUNTS.put(mailbox, summary);
        endpoint.publish(mailbox, summary);
    }

    private static boolean isFor(FakePbx.Received received, String mailbox) {
        return received.request().firstLine().startsWith("NOTIFY sip:" + mailbox + "@");
    }
}
