package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceGateTest {

    private static final InetAddress PBX = address("10.0.0.1");
    private static final InetAddress STRANGER = address("192.0.2.7");
    private static final String URI = "sip:201@127.0.0.1:5060";

    private final TestClock clock = new TestClock();
    private final NonceMint nonces = new NonceMint(clock, Duration.ofMinutes(5));

    private SourceGate gate(Untrusted untrusted, boolean trustLoopback) {
        return new SourceGate(new SourcePolicy(Set.of(PBX), trustLoopback, untrusted, "postbox", "trunk", "pw"),
                nonces);
    }

    @Test
    void trustedAddressesPassAsTrustedWhateverThePolicyForOthers() {
        for (Untrusted untrusted : Untrusted.values()) {
            assertThat(gate(untrusted, false).check(PBX, "INVITE", Optional.empty()))
                    .isEqualTo(new SourceGate.Verdict.Admit(true));
        }
    }

    @Test
    void loopbackIsTrustedOnlyWhenThePolicySaysSo() {
        InetAddress other = address("127.0.0.5");

        assertThat(gate(Untrusted.REFUSE, true).check(other, "INVITE", Optional.empty()))
                .isEqualTo(new SourceGate.Verdict.Admit(true));
        assertThat(gate(Untrusted.REFUSE, false).check(other, "INVITE", Optional.empty()))
                .isInstanceOf(SourceGate.Verdict.Refuse.class);
    }

    @Test
    void acceptLetsStrangersInUntrusted() {
        assertThat(gate(Untrusted.ACCEPT, false).check(STRANGER, "INVITE", Optional.empty()))
                .isEqualTo(new SourceGate.Verdict.Admit(false));
    }

    @Test
    void challengeOffersSha256ThenMd5WithOneFreshNonceAndQopAuth() {
        SourceGate.Verdict verdict = gate(Untrusted.CHALLENGE, false).check(STRANGER, "INVITE", Optional.empty());

        List<DigestChallenge> offered = offered(verdict);
        assertThat(offered).extracting(DigestChallenge::algorithm)
                .containsExactly(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
        assertThat(offered).allSatisfy(c -> {
            assertThat(c.realm()).isEqualTo("postbox");
            assertThat(c.qopAuth()).isTrue();
            assertThat(c.stale()).isFalse();
            assertThat(nonces.check(c.nonce())).isEqualTo(NonceMint.Freshness.FRESH);
        });
        assertThat(offered.get(0).nonce()).isEqualTo(offered.get(1).nonce());
        assertThat(offered(gate(Untrusted.CHALLENGE, false).check(STRANGER, "INVITE", Optional.empty()))
                .getFirst().nonce()).as("a new nonce each time").isNotEqualTo(offered.getFirst().nonce());
    }

    @Test
    void theRightAnswerWithEitherAlgorithmGetsInUntrusted() {
        SourceGate gate = gate(Untrusted.CHALLENGE, false);
        for (DigestChallenge challenge : offered(gate.check(STRANGER, "INVITE", Optional.empty()))) {
            String answer = DigestAuth.answer(challenge, "trunk", "pw", "INVITE", URI, 1, "cn").headerValue();

            assertThat(gate.check(STRANGER, "INVITE", Optional.of(answer)))
                    .isEqualTo(new SourceGate.Verdict.Admit(false));
        }
    }

    @Test
    void aWrongPasswordOrUserIsRefusedNotChallengedAgain() {
        SourceGate gate = gate(Untrusted.CHALLENGE, false);
        DigestChallenge challenge = offered(gate.check(STRANGER, "INVITE", Optional.empty())).getFirst();

        String wrongPassword = DigestAuth.answer(challenge, "trunk", "guess", "INVITE", URI, 1, "c").headerValue();
        String wrongUser = DigestAuth.answer(challenge, "other", "pw", "INVITE", URI, 1, "c").headerValue();

        assertThat(gate.check(STRANGER, "INVITE", Optional.of(wrongPassword)))
                .isInstanceOf(SourceGate.Verdict.Refuse.class);
        assertThat(gate.check(STRANGER, "INVITE", Optional.of(wrongUser)))
                .isInstanceOf(SourceGate.Verdict.Refuse.class);
    }

    @Test
    void theRightAnswerToAnOldNonceIsChallengedAgainAsStale() {
        SourceGate gate = gate(Untrusted.CHALLENGE, false);
        DigestChallenge challenge = offered(gate.check(STRANGER, "INVITE", Optional.empty())).getFirst();
        String answer = DigestAuth.answer(challenge, "trunk", "pw", "INVITE", URI, 1, "c").headerValue();

        clock.advance(Duration.ofMinutes(6));

        assertThat(offered(gate.check(STRANGER, "INVITE", Optional.of(answer))))
                .hasSize(2).allMatch(DigestChallenge::stale);
    }

    @Test
    void aNonceNotIssuedHereGetsAFreshChallengeNotStale() {
        SourceGate gate = gate(Untrusted.CHALLENGE, false);
        DigestChallenge forged = new DigestChallenge("postbox", "bm90LW91cnM", DigestAlgorithm.MD5, true, true,
                Optional.empty(), false);
        String answer = DigestAuth.answer(forged, "trunk", "pw", "INVITE", URI, 1, "c").headerValue();

        assertThat(offered(gate.check(STRANGER, "INVITE", Optional.of(answer)))).noneMatch(DigestChallenge::stale);
    }

    @Test
    void credentialsForAnotherRealmAreIgnoredAndChallenged() {
        SourceGate gate = gate(Untrusted.CHALLENGE, false);
        DigestChallenge challenge = offered(gate.check(STRANGER, "INVITE", Optional.empty())).getFirst();
        DigestChallenge otherRealm = new DigestChallenge("elsewhere", challenge.nonce(), DigestAlgorithm.SHA_256,
                true, true, Optional.empty(), false);
        String answer = DigestAuth.answer(otherRealm, "trunk", "pw", "INVITE", URI, 1, "c").headerValue();

        assertThat(gate.check(STRANGER, "INVITE", Optional.of(answer)))
                .isInstanceOf(SourceGate.Verdict.Challenge.class);
    }

    @Test
    void refuseRefusesStrangers() {
        assertThat(gate(Untrusted.REFUSE, false).check(STRANGER, "INVITE", Optional.empty()))
                .isInstanceOf(SourceGate.Verdict.Refuse.class);
    }

    private static List<DigestChallenge> offered(SourceGate.Verdict verdict) {
        assertThat(verdict).isInstanceOf(SourceGate.Verdict.Challenge.class);
        return DigestChallenge.parseAll(((SourceGate.Verdict.Challenge) verdict).proxyAuthenticate());
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
