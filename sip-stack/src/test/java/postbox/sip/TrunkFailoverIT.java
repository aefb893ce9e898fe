package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PBX failover and failback of a real {@link SipEndpoint} between two raw-socket {@link FakePbx}es. */
class TrunkFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(TrunkFailoverIT.class);
    private static final Duration WAIT = Duration.ofSeconds(8);

    private final RecordingHandler handler = new RecordingHandler();
    private FakePbx primary;
    private FakePbx backup;
    private SipEndpoint endpoint;

    @BeforeEach
    void pbxs() throws IOException {
        primary = FakePbx.start(Transport.UDP);
        backup = FakePbx.start(Transport.UDP);
    }

    @AfterEach
    void stop() throws IOException {
        endpoint.close();
        primary.close();
        backup.close();
    }

    private void start(FailbackMode failback) throws Exception {
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), handler,
                SourcePolicy.open(), MessageSummaries.none(), Optional.of(new TrunkConfig(primary.address(),
                        Optional.of(backup.address()), FakePbx.USER, FakePbx.PASSWORD, null, null, failback)));
        awaitStatus(s -> s.registration() == RegistrationState.REGISTERED && !s.onBackup(), "registered at primary");
    }

    @Test
    void aSilentPrimaryIsReplacedByTheBackupWithinFiveSecondsWhichGetsTheMwiState() throws Exception {
        start(FailbackMode.WHEN_IDLE);
        endpoint.publish("201", new MessageSummary(2, 1));
        endpoint.publish("202", new MessageSummary(0, 0));
        endpoint.publish("203", new MessageSummary(0, 4));
        primary.await(r -> r.method().equals("NOTIFY") && r.authorized() && body(r).contains("0/4"), WAIT,
                "the authorized NOTIFY for 203");

        long silentAt = System.nanoTime();
        primary.silent(true);
        TrunkStatus status = awaitStatus(s -> s.onBackup() && s.registration() == RegistrationState.REGISTERED,
                "registered at the backup");
        long failoverMillis = Duration.ofNanos(System.nanoTime() - silentAt).toMillis();

        log.info("FAILOVER: primary silent -> registered at the backup in {} ms", failoverMillis);
        System.err.printf("FAILOVER: primary silent -> registered at the backup in %d ms%n", failoverMillis);
        assertThat(failoverMillis).isLessThan(5_000);
        assertThat(status.pbxInUse()).isEqualTo(backup.address());
        assertThat(status.failovers()).isEqualTo(1);
        assertThat(status.lastFailover()).isNotNull();
        assertThat(status.lastFailoverReason()).isEqualTo("primary " + primary.address() + ": 2 OPTIONS unanswered");
        FakePbx.Received lamp201 = backup.await(r -> r.method().equals("NOTIFY") && r.authorized()
                && r.request().firstLine().startsWith("NOTIFY sip:201@"), WAIT, "the republished NOTIFY for 201");
        assertThat(body(lamp201)).contains("Messages-Waiting: yes", "Voice-Message: 2/1");
        backup.await(r -> r.method().equals("NOTIFY") && r.authorized()
                && r.request().firstLine().startsWith("NOTIFY sip:203@"), WAIT, "the republished NOTIFY for 203");
        assertThat(backup.received(r -> r.method().equals("NOTIFY")
                && r.request().firstLine().startsWith("NOTIFY sip:202@"))).as("no messages, no NOTIFY").isEmpty();
    }

    @Test
    void immediateFailbackReturnsToThePrimaryAndUnregistersAtTheBackup() throws Exception {
        start(FailbackMode.IMMEDIATE);
        endpoint.publish("201", new MessageSummary(1, 0));
        primary.silent(true);
        awaitStatus(s -> s.onBackup() && s.registration() == RegistrationState.REGISTERED, "on the backup");
        int primaryNotifies = primary.received(r -> r.method().equals("NOTIFY")).size();

        primary.silent(false);
        TrunkStatus status = awaitStatus(s -> !s.onBackup() && s.registration() == RegistrationState.REGISTERED,
                "back on the primary");

        assertThat(status.failovers()).isEqualTo(2);
        assertThat(status.lastFailoverReason()).isEqualTo("primary " + primary.address() + " answers again");
        backup.await(FakePbx.Received::isUnregister, WAIT, "an un-REGISTER at the backup");
        primary.await(r -> r.method().equals("NOTIFY") && r.authorized()
                        && primary.received().indexOf(r) >= primaryNotifies, WAIT,
                "the MWI state republished to the primary");
    }

    @Test
    void whenIdleFailbackWaitsForTheCallInProgressWhichSurvivesBothSwitches() throws Exception {
        start(FailbackMode.WHEN_IDLE);
        try (RawUac uac = RawUac.connect(Transport.UDP, endpoint.address())) {
            UacCall call = new UacCall(uac, "vmpro");
            call.invite("pcmu-pcma-dtmf.sdp");
            call.answered();
            call.ack();
            assertThat(handler.nextEvent()).isEqualTo("established");

            primary.silent(true);
            awaitStatus(s -> s.onBackup() && s.registration() == RegistrationState.REGISTERED, "on the backup");
            long back = System.nanoTime();
            primary.silent(false);
            primary.await(r -> r.method().equals("OPTIONS") && r.atNanos() > back, WAIT,
                    "a ping answered by the primary");
            Thread.sleep(1_000);
            assertThat(endpoint.trunkStatus().orElseThrow().onBackup()).as("a call is in progress").isTrue();

            call.bye();
            uac.finalResponse("BYE", 200);
            assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
        }
        TrunkStatus status = awaitStatus(s -> !s.onBackup() && s.registration() == RegistrationState.REGISTERED,
                "back on the primary once idle");
        assertThat(status.failovers()).isEqualTo(2);
        backup.await(FakePbx.Received::isUnregister, WAIT, "an un-REGISTER at the backup");
    }

    private TrunkStatus awaitStatus(Predicate<TrunkStatus> wanted, String description) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            TrunkStatus status = endpoint.trunkStatus().orElseThrow();
            if (wanted.test(status)) {
                return status;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not " + description + " within " + WAIT + ": " + endpoint.trunkStatus());
    }

    private static String body(FakePbx.Received received) {
        return received.request().body();
    }
}
