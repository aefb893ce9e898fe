package postbox.sip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One digest challenge ({@code WWW-Authenticate} / {@code Proxy-Authenticate}) Postbox can answer: MD5 or
 * SHA-256, with {@code qop=auth} or no qop at all (RFC 2069 style). Immutable.
 *
 * @param realm          the protection space
 * @param nonce          the server's nonce
 * @param algorithm      the hash to use (MD5 when the challenge names none)
 * @param algorithmGiven whether the challenge named the algorithm (then the answer echoes it)
 * @param qopAuth        whether the challenge offers {@code qop=auth} (then the answer uses it, with cnonce and nc)
 * @param opaque         the opaque value to echo, empty when none
 * @param stale          whether the challenge says the previous nonce was stale (the credentials were right)
 */
record DigestChallenge(String realm, String nonce, DigestAlgorithm algorithm, boolean algorithmGiven,
                       boolean qopAuth, Optional<String> opaque, boolean stale) {

    /**
     * The digest challenges Postbox can answer among header values (each may hold several), in order; others
     * (Basic, MD5-sess, qop=auth-int only, no nonce) are left out.
     */
    static List<DigestChallenge> parseAll(List<String> headerValues) {
        List<DigestChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            for (AuthParams params : AuthParams.parse(value)) {
                of(params).ifPresent(challenges::add);
            }
        }
        return challenges;
    }

    /** The one to answer: SHA-256 over MD5 (RFC 8760 section 2.4), the first of its kind otherwise. */
    static Optional<DigestChallenge> preferred(List<DigestChallenge> challenges) {
        return challenges.stream().min(Comparator.comparingInt(c -> c.algorithm() == DigestAlgorithm.SHA_256 ? 0 : 1));
    }

    private static Optional<DigestChallenge> of(AuthParams params) {
        if (!params.digest() || params.get("realm") == null || params.get("nonce") == null) {
            return Optional.empty();
        }
        String algorithmToken = params.get("algorithm");
        Optional<DigestAlgorithm> algorithm = algorithmToken == null ? Optional.of(DigestAlgorithm.MD5)
                : DigestAlgorithm.of(algorithmToken);
        String qop = params.get("qop");
        boolean qopAuth = qop != null && Arrays.stream(qop.split(",")).map(String::trim)
                .anyMatch("auth"::equalsIgnoreCase);
        if (algorithm.isEmpty() || (qop != null && !qopAuth)) {
            return Optional.empty();
        }
        return Optional.of(new DigestChallenge(params.get("realm"), params.get("nonce"), algorithm.get(),
                algorithmToken != null, qopAuth, Optional.ofNullable(params.get("opaque")),
                "true".equalsIgnoreCase(params.get("stale"))));
    }

    /** The header value that issues this challenge (server side): always with algorithm, qop as offered. */
    String headerValue() {
        StringBuilder value = new StringBuilder("Digest realm=\"").append(realm).append("\", nonce=\"")
                .append(nonce).append('"');
        if (qopAuth) {
            value.append(", qop=\"auth\"");
        }
        value.append(", algorithm=").append(algorithm.token());
        opaque.ifPresent(o -> value.append(", opaque=\"").append(o).append('"'));
        if (stale) {
            value.append(", stale=true");
        }
        return value.toString();
    }
}
