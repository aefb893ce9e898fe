package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source policy of a real {@link SipEndpoint}: INVITEs from 127.0.0.5 (untrusted) and 127.0.0.1 (trusted). */
class SourcePolicyIT {

    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    private final RecordingHandler handler = new RecordingHandler();
    private SipEndpoint endpoint;
    private FakePbx pbx;

    @AfterEach
    void stop() throws IOException {
        endpoint.close();
        if (pbx != null) {
            pbx.close();
        }
    }

    private void start(SourcePolicy policy) throws IOException {
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), handler, policy,
                MessageSummaries.none(), Optional.empty());
    }

    private static SourcePolicy challenging() throws IOException {
        return new SourcePolicy(Set.of(InetAddress.getByName("127.0.0.1")), false, Untrusted.CHALLENGE, "postbox",
                "trunk", "pw");
    }

    private RawUac untrustedUac() throws IOException {
        return RawUac.connect(Transport.UDP, endpoint.address(), InetAddress.getByName("127.0.0.5"));
    }

    @Test
    void refuseAnswers403AndTheTrunksPbxIsTrustedAsSuch() throws Exception {
        pbx = FakePbx.start(Transport.UDP);
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), handler,
                new SourcePolicy(Set.of(), false, Untrusted.REFUSE, "postbox", "", ""), MessageSummaries.none(),
                Optional.of(TrunkConfig.of(pbx.address(), Optional.empty(), FakePbx.USER, FakePbx.PASSWORD)));
        try (RawUac stranger = untrustedUac(); RawUac fromPbxHost = RawUac.connect(Transport.UDP,
                endpoint.address())) {
            UacCall refused = new UacCall(stranger, "201");
            refused.invite("pcmu-pcma-dtmf.sdp");
            SipText forbidden = stranger.finalResponse("INVITE", 403);
            refused.ackFailure(forbidden);
            assertThat(stranger.drain(Duration.ofMillis(500))).as("the ACK is absorbed, nothing more comes")
                    .isEmpty();
            assertThat(handler.noCall()).isTrue();

            UacCall trusted = new UacCall(fromPbxHost, "vmpro");
            trusted.invite("pcmu-pcma-dtmf.sdp");
            trusted.answered();
            trusted.ack();
            assertThat(handler.nextCall().trustedSource()).isTrue();
            trusted.bye();
            fromPbxHost.finalResponse("BYE", 200);
        }
    }

    @Test
    void challengeLetsTheRightCredentialsInAsAnUntrustedCall() throws Exception {
        start(challenging());
        try (RawUac stranger = untrustedUac()) {
            UacCall call = new UacCall(stranger, "*17");
            call.invite("pcmu-pcma-dtmf.sdp");
            SipText challenge = stranger.finalResponse("INVITE", 407);
            call.ackFailure(challenge);

            List<String> offered = challenge.headerValues("Proxy-Authenticate");
            assertThat(offered).hasSize(2);
            assertThat(offered.get(0)).contains("algorithm=MD5", "realm=\"postbox\"", "qop=\"auth\"");
            assertThat(offered.get(1)).contains("algorithm=SHA-256");
            assertThat(handler.noCall()).isTrue();

            call.invite("pcmu-pcma-dtmf.sdp", credentials(offered.get(1), "SHA-256", "pw", call.inviteUri()));
            call.answered();
            call.ack();

            IncomingCall incoming = handler.nextCall();
            assertThat(incoming.trustedSource()).isFalse();
            assertThat(incoming.source().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.5"));
            assertThat(incoming.requestUser()).isEqualTo("*17");
            assertThat(handler.nextEvent()).isEqualTo("established");
            call.bye();
            stranger.finalResponse("BYE", 200);
        }
    }

    @Test
    void wrongCredentialsGet403NotAnotherChallenge() throws Exception {
        start(challenging());
        try (RawUac stranger = untrustedUac()) {
            UacCall call = new UacCall(stranger, "201");
            call.invite("pcmu-pcma-dtmf.sdp");
            SipText challenge = stranger.finalResponse("INVITE", 407);
            call.ackFailure(challenge);

            call.invite("pcmu-pcma-dtmf.sdp", credentials(challenge.headerValues("Proxy-Authenticate").get(1), "MD5",
                    "guess", call.inviteUri()));
            SipText forbidden = stranger.finalResponse("INVITE", 403);
            call.ackFailure(forbidden);

            assertThat(handler.noCall()).isTrue();
        }
    }

    @Test
    void aTrustedAddressIsNeitherChallengedNorMarkedUntrusted() throws Exception {
        start(challenging());
        try (RawUac trusted = RawUac.connect(Transport.UDP, endpoint.address())) {
            UacCall call = new UacCall(trusted, "201");
            call.invite("pcmu-pcma-dtmf.sdp");
            call.answered();
            call.ack();

            assertThat(handler.nextCall().trustedSource()).isTrue();
            call.bye();
            trusted.finalResponse("BYE", 200);
        }
    }

    @Test
    void trustLoopbackTrustsAnyLoopbackAddress() throws Exception {
        start(new SourcePolicy(Set.of(), true, Untrusted.REFUSE, "postbox", "", ""));
        try (RawUac other = untrustedUac()) {
            UacCall call = new UacCall(other, "201");
            call.invite("pcmu-pcma-dtmf.sdp");
            call.answered();
            call.ack();

            assertThat(handler.nextCall().trustedSource()).isTrue();
            call.bye();
            other.finalResponse("BYE", 200);
        }
    }

    /** A Proxy-Authorization line answering the challenge, computed with the fake PBX's own digest code. */
    private static String credentials(String challenge, String algorithm, String password, String uri) {
        Matcher nonce = NONCE.matcher(challenge);
        assertThat(nonce.find()).isTrue();
        String ha1 = FakePbx.hash(algorithm, "trunk:postbox:" + password);
        String ha2 = FakePbx.hash(algorithm, "INVITE:" + uri);
        String response = FakePbx.hash(algorithm, ha1 + ":" + nonce.group(1) + ":00000001:c0ffee:auth:" + ha2);
        return "Proxy-Authorization: Digest username=\"trunk\", realm=\"postbox\", nonce=\"" + nonce.group(1)
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", qop=auth, nc=00000001, cnonce=\"c0ffee\"";
    }
}
