package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Trunk registration of a real {@link SipEndpoint} at a raw-socket {@link FakePbx}. */
class TrunkRegistrationIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingHandler handler = new RecordingHandler();
    private FakePbx pbx;
    private SipEndpoint endpoint;

    @AfterEach
    void stop() throws IOException {
        if (endpoint != null) {
            endpoint.close();
        }
        pbx.close();
    }

    private TrunkStatus awaitRegistration(RegistrationState wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            TrunkStatus status = endpoint.trunkStatus().orElseThrow();
            if (status.registration() == wanted) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not " + wanted + " within " + WAIT + ": " + endpoint.trunkStatus());
    }

    @Test
    void registersWithMd5AnsweringTheChallengeOnTheSameCallId() throws Exception {
        pbxAlgorithms(Transport.UDP, "MD5");
        pbx.grantedSeconds(120);

        TrunkStatus status = awaitRegistration(RegistrationState.REGISTERED);

        List<FakePbx.Received> registers = pbx.received(r -> r.method().equals("REGISTER"));
        assertThat(registers).hasSize(2);
        SipText first = registers.get(0).request();
        SipText answer = registers.get(1).request();
        int port = endpoint.address().getPort();
        assertThat(first.firstLine()).isEqualTo("REGISTER sip:" + pbx.address() + " SIP/2.0");
        assertThat(first.header("From")).startsWith("<sip:vmpro@127.0.0.1>;tag=");
        assertThat(first.header("To")).isEqualTo("<sip:vmpro@127.0.0.1>");
        assertThat(first.header("Contact")).isEqualTo("<sip:vmpro@127.0.0.1:" + port + ";transport=udp>");
        assertThat(first.header("Expires")).isEqualTo("300");
        assertThat(first.header("Authorization")).isNull();
        assertThat(answer.header("Call-ID")).isEqualTo(first.header("Call-ID"));
        assertThat(answer.header("CSeq")).isEqualTo("2 REGISTER");
        assertThat(first.header("CSeq")).isEqualTo("1 REGISTER");
        assertThat(answer.header("Authorization")).contains("algorithm=MD5", "qop=auth", "nc=00000001",
                "opaque=\"op4que\"");
        assertThat(registers.get(1).authorized()).as("the fake PBX's own digest check").isTrue();
        assertThat(status.pbxInUse()).isEqualTo(pbx.address());
        assertThat(status.onBackup()).isFalse();
        assertThat(status.registeredUntil()).isBetween(Instant.now().plusSeconds(110), Instant.now().plusSeconds(121));
        assertThat(status.registrationFailures()).isZero();
    }

    @Test
    void picksSha256WhenMd5IsOfferedFirst() throws Exception {
        pbxAlgorithms(Transport.UDP, "MD5", "SHA-256");

        awaitRegistration(RegistrationState.REGISTERED);

        FakePbx.Received answer = pbx.received(r -> r.method().equals("REGISTER")).get(1);
        assertThat(answer.request().header("Authorization")).contains("algorithm=SHA-256")
                .containsPattern("response=\"[0-9a-f]{64}\"");
        assertThat(answer.authorized()).isTrue();
    }

    @Test
    void refreshesBeforeAShortGrantedExpiryRunsOut() throws Exception {
        pbxAlgorithms(Transport.UDP, "MD5");
        pbx.grantedSeconds(4);
        awaitRegistration(RegistrationState.REGISTERED);
        long registeredAt = pbx.received().getLast().atNanos();

        Thread.sleep(4_500);

        List<FakePbx.Received> refreshes = pbx.received(r -> r.method().equals("REGISTER") && r.authorized()
                && r.atNanos() > registeredAt);
        assertThat(refreshes).as("a refresh about every second (80%% of 4 s, but at least 1 s)").hasSizeBetween(3, 5);
        assertThat(refreshes).extracting(r -> r.request().header("Call-ID"))
                .containsOnly(pbx.received().getFirst().request().header("Call-ID"));
        assertThat(endpoint.trunkStatus().orElseThrow().registration()).isEqualTo(RegistrationState.REGISTERED);
        long gapMillis = Duration.ofNanos(refreshes.get(0).atNanos() - registeredAt).toMillis();
        assertThat(gapMillis).isBetween(900L, 1_600L);
    }

    @Test
    void forbiddenStopsRegisteringAltogether() throws Exception {
        pbx = FakePbx.start(Transport.UDP);
        pbx.registrar(FakePbx.Registrar.FORBID);
        startWith(pbx);

        TrunkStatus status = awaitRegistration(RegistrationState.FORBIDDEN);
        Thread.sleep(4_000);

        assertThat(pbx.received(r -> r.method().equals("REGISTER"))).hasSize(1);
        assertThat(status.registrationFailures()).isEqualTo(1);
        assertThat(endpoint.trunkStatus().orElseThrow().registration()).isEqualTo(RegistrationState.FORBIDDEN);
    }

    @Test
    void aWrongPasswordIsRetriedWithABackoffNotHammered() throws Exception {
        pbx = FakePbx.start(Transport.UDP);
        pbx.registrar(FakePbx.Registrar.WRONG_PASSWORD);
        startWith(pbx);
        awaitRegistration(RegistrationState.RETRYING);
        long start = pbx.received().getFirst().atNanos();

        Thread.sleep(6_500);

        List<Long> attemptsMillis = pbx.received(r -> r.method().equals("REGISTER")
                        && r.request().header("Authorization") != null).stream()
                .map(r -> Duration.ofNanos(r.atNanos() - start).toMillis()).toList();
        assertThat(attemptsMillis).as("answered REGISTERs at 0, ~2 s and ~6 s").hasSizeBetween(2, 3);
        assertThat(attemptsMillis.get(1) - attemptsMillis.get(0)).isBetween(1_800L, 2_600L);
        if (attemptsMillis.size() == 3) {
            assertThat(attemptsMillis.get(2) - attemptsMillis.get(1)).isBetween(3_800L, 4_600L);
        }
        assertThat(pbx.received(r -> r.method().equals("REGISTER"))).hasSizeLessThanOrEqualTo(6);
        TrunkStatus status = endpoint.trunkStatus().orElseThrow();
        assertThat(status.registration()).isEqualTo(RegistrationState.RETRYING);
        assertThat(status.registrationFailures()).isEqualTo(attemptsMillis.size());
    }

    @Test
    void closeUnregistersAnsweringTheChallengeWithinTwoSeconds() throws Exception {
        pbxAlgorithms(Transport.UDP, "SHA-256");
        awaitRegistration(RegistrationState.REGISTERED);

        long closing = System.nanoTime();
        endpoint.close();
        long closeMillis = Duration.ofNanos(System.nanoTime() - closing).toMillis();

        List<FakePbx.Received> unregisters = pbx.received(FakePbx.Received::isUnregister);
        assertThat(unregisters).hasSize(2);
        assertThat(unregisters.get(1).authorized()).isTrue();
        assertThat(unregisters.get(1).request().header("Call-ID"))
                .isEqualTo(pbx.received().getFirst().request().header("Call-ID"));
        assertThat(endpoint.trunkStatus().orElseThrow().registration()).isEqualTo(RegistrationState.UNREGISTERED);
        assertThat(closeMillis).as("close: un-REGISTER plus the stack's stop").isLessThan(4_000);
        endpoint = null;
    }

    @Test
    void registersOverTcp() throws Exception {
        pbxAlgorithms(Transport.TCP, "SHA-256");

        TrunkStatus status = awaitRegistration(RegistrationState.REGISTERED);

        List<FakePbx.Received> registers = pbx.received(r -> r.method().equals("REGISTER"));
        SipText first = registers.getFirst().request();
        assertThat(first.firstLine()).isEqualTo("REGISTER sip:" + pbx.address() + " SIP/2.0")
                .contains(";transport=tcp");
        assertThat(first.header("Via")).startsWith("SIP/2.0/TCP 127.0.0.1:" + endpoint.address().getPort());
        assertThat(first.header("Contact")).isEqualTo("<sip:vmpro@127.0.0.1:" + endpoint.address().getPort()
                + ";transport=tcp>");
        assertThat(registers.getLast().authorized()).isTrue();
        assertThat(status.pbxInUse().transport()).isEqualTo(Transport.TCP);
    }

    private void pbxAlgorithms(Transport transport, String... algorithms) throws IOException {
        pbx = FakePbx.start(transport);
        pbx.algorithms(algorithms);
        startWith(pbx);
    }

    private void startWith(FakePbx fake) throws IOException {
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), handler,
                SourcePolicy.open(), MessageSummaries.none(), Optional.of(TrunkConfig.of(fake.address(),
                        Optional.empty(), FakePbx.USER, FakePbx.PASSWORD)));
    }
}
