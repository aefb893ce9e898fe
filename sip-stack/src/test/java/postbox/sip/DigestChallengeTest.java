package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {

    @Test
    void quotedAndUnquotedParametersAreRead() {
        List<DigestChallenge> challenges = DigestChallenge.parseAll(List.of(
                "Digest realm=\"asterisk\",nonce=\"1a2b3c\",  algorithm=MD5,qop=\"auth\", opaque=xyz"));

        assertThat(challenges).containsExactly(new DigestChallenge("asterisk", "1a2b3c", DigestAlgorithm.MD5, true,
                true, Optional.of("xyz"), false));
    }

    @Test
    void quotedValuesKeepCommasEqualSignsAndEscapedQuotes() {
        DigestChallenge challenge = DigestChallenge.parseAll(List.of(
                "Digest realm=\"a, \\\"b\\\" = c\", nonce=\"n==\"")).getFirst();

        assertThat(challenge.realm()).isEqualTo("a, \"b\" = c");
        assertThat(challenge.nonce()).isEqualTo("n==");
        assertThat(challenge.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(challenge.algorithmGiven()).isFalse();
        assertThat(challenge.qopAuth()).isFalse();
    }

    @Test
    void severalChallengesInOneValueAndInSeveralHeadersAreAllRead() {
        List<DigestChallenge> challenges = DigestChallenge.parseAll(List.of(
                "Digest realm=\"r\", nonce=\"1\", algorithm=SHA-256, qop=\"auth\", Digest realm=\"r\", nonce=\"1\", "
                        + "algorithm=MD5, qop=\"auth\"",
                "Basic realm=\"r\"",
                "digest realm=r2, nonce=2, algorithm=sha-256"));

        assertThat(challenges).extracting(DigestChallenge::realm, DigestChallenge::algorithm).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r", DigestAlgorithm.SHA_256),
                org.assertj.core.groups.Tuple.tuple("r", DigestAlgorithm.MD5),
                org.assertj.core.groups.Tuple.tuple("r2", DigestAlgorithm.SHA_256));
    }

    @Test
    void staleIsReadCaseInsensitively() {
        assertThat(DigestChallenge.parseAll(List.of("Digest realm=r, nonce=n, stale=TRUE")).getFirst().stale())
                .isTrue();
        assertThat(DigestChallenge.parseAll(List.of("Digest realm=r, nonce=n, stale=\"true\"")).getFirst().stale())
                .isTrue();
        assertThat(DigestChallenge.parseAll(List.of("Digest realm=r, nonce=n, stale=false")).getFirst().stale())
                .isFalse();
    }

    @Test
    void challengesPostboxCannotAnswerAreLeftOut() {
        assertThat(DigestChallenge.parseAll(List.of(
                "Digest realm=r, nonce=n, algorithm=MD5-sess",
                "Digest realm=r, nonce=n, algorithm=SHA-512-256",
                "Digest realm=r, nonce=n, qop=\"auth-int\"",
                "Digest realm=r",
                "Digest nonce=n",
                ""))).isEmpty();
    }

    @Test
    void sha256IsPreferredOverMd5WhateverTheOrder() {
        List<DigestChallenge> md5First = DigestChallenge.parseAll(List.of(
                "Digest realm=r, nonce=a, algorithm=MD5, qop=auth",
                "Digest realm=r, nonce=b, algorithm=SHA-256, qop=auth"));

        assertThat(DigestChallenge.preferred(md5First)).map(DigestChallenge::nonce).contains("b");
        assertThat(DigestChallenge.preferred(md5First.subList(0, 1))).map(DigestChallenge::nonce).contains("a");
        assertThat(DigestChallenge.preferred(List.of())).isEmpty();
    }

    @Test
    void aServerChallengeReadsBackAsItself() {
        DigestChallenge issued = new DigestChallenge("postbox", "abc", DigestAlgorithm.SHA_256, true, true,
                Optional.of("op"), true);

        assertThat(issued.headerValue())
                .isEqualTo("Digest realm=\"postbox\", nonce=\"abc\", qop=\"auth\", algorithm=SHA-256, opaque=\"op\", "
                        + "stale=true");
        assertThat(DigestChallenge.parseAll(List.of(issued.headerValue()))).containsExactly(issued);
    }
}
