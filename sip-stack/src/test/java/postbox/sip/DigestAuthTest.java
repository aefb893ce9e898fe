package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAuthTest {

    // RFC 7616 section 3.9.1
    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final String RFC7616_OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

    @Test
    void rfc7616Md5Vector() {
        assertThat(DigestAuth.response(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life",
                "GET", "/dir/index.html", RFC7616_NONCE, "auth", "00000001", RFC7616_CNONCE))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616Sha256Vector() {
        assertThat(DigestAuth.response(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org",
                "Circle of Life", "GET", "/dir/index.html", RFC7616_NONCE, "auth", "00000001", RFC7616_CNONCE))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc2617Vector() {
        assertThat(DigestAuth.response(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b"))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void answeringTheRfc7616Sha256ChallengeGivesItsAuthorizationHeader() {
        DigestChallenge challenge = DigestChallenge.parseAll(List.of("Digest realm=\"http-auth@example.org\", "
                + "qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"" + RFC7616_NONCE + "\", opaque=\""
                + RFC7616_OPAQUE + "\"")).getFirst();

        DigestCredentials answer = DigestAuth.answer(challenge, "Mufasa", "Circle of Life", "GET",
                "/dir/index.html", 1, RFC7616_CNONCE);

        assertThat(answer.headerValue()).isEqualTo("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
                + "nonce=\"" + RFC7616_NONCE + "\", uri=\"/dir/index.html\", "
                + "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", algorithm=SHA-256, "
                + "qop=auth, nc=00000001, cnonce=\"" + RFC7616_CNONCE + "\", opaque=\"" + RFC7616_OPAQUE + "\"");
    }

    @Test
    void aChallengeWithoutQopIsAnsweredTheRfc2069WayWithoutAlgorithmWhenNoneWasNamed() {
        DigestChallenge challenge = DigestChallenge.parseAll(List.of("Digest realm=\"pbx\", nonce=\"abc\"")).getFirst();

        DigestCredentials answer = DigestAuth.answer(challenge, "vmpro", "secret", "REGISTER", "sip:pbx", 1, "x");

        assertThat(answer.qop()).isEmpty();
        assertThat(answer.response()).isEqualTo(DigestAlgorithm.MD5.hash(DigestAlgorithm.MD5.hash("vmpro:pbx:secret")
                + ":abc:" + DigestAlgorithm.MD5.hash("REGISTER:sip:pbx")));
        assertThat(answer.headerValue()).doesNotContain("algorithm", "qop", "nc=", "cnonce");
    }

    @Test
    void theNonceCountIsWrittenAsEightHexDigits() {
        DigestChallenge challenge = DigestChallenge.parseAll(List.of("Digest realm=r, nonce=n, qop=auth")).getFirst();

        assertThat(DigestAuth.answer(challenge, "u", "p", "NOTIFY", "sip:x", 26, "c").nc()).isEqualTo("0000001a");
    }

    @Test
    void verifyAcceptsTheRightPasswordAndRefusesAWrongOne() {
        DigestChallenge challenge = new DigestChallenge("postbox", "n0nce", DigestAlgorithm.SHA_256, true, true,
                Optional.empty(), false);
        DigestCredentials credentials = DigestCredentials.parse(DigestAuth.answer(challenge, "trunk", "pw",
                "INVITE", "sip:201@127.0.0.1", 1, "cn").headerValue()).orElseThrow();

        assertThat(DigestAuth.verify(credentials, "INVITE", "pw")).isTrue();
        assertThat(DigestAuth.verify(credentials, "INVITE", "wrong")).isFalse();
        assertThat(DigestAuth.verify(credentials, "BYE", "pw")).isFalse();
    }

    @Test
    void verifyChecksTheRfc2617ExampleAsAServerWould() {
        DigestCredentials credentials = DigestCredentials.parse("Digest username=\"Mufasa\", "
                + "realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                + "uri=\"/dir/index.html\", "
                + "qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
                + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"").orElseThrow();

        assertThat(credentials.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(credentials.opaque()).contains("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(DigestAuth.verify(credentials, "GET", "Circle Of Life")).isTrue();
        assertThat(DigestAuth.verify(credentials, "GET", "Circle of Life")).isFalse();
    }

    @Test
    void incompleteCredentialsAreNotCredentials() {
        assertThat(DigestCredentials.parse("Digest username=\"a\", realm=\"b\", nonce=\"c\", uri=\"d\"")).isEmpty();
        assertThat(DigestCredentials.parse("Digest username=\"a\", realm=\"b\", nonce=\"c\", uri=\"d\", "
                + "response=\"e\", qop=auth")).as("qop without nc and cnonce").isEmpty();
        assertThat(DigestCredentials.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).isEmpty();
    }
}
