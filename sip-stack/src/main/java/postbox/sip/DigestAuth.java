package postbox.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * HTTP digest authentication as SIP uses it (RFC 2617, RFC 7616 with SHA-256 per RFC 8760; {@code qop=auth} or
 * none): the response computation, answering a challenge (trunk REGISTER, MWI NOTIFY) and checking credentials
 * (the 407 path for untrusted sources, nothing else). Pure functions; thread-safe.
 */
final class DigestAuth {

    private DigestAuth() {
    }

    /**
     * The {@code response} value: H(H(user:realm:password):nonce:nc:cnonce:qop:H(method:uri)), or
     * H(HA1:nonce:HA2) when {@code qop} is null.
     */
    static String response(DigestAlgorithm algorithm, String user, String realm, String password, String method,
                           String uri, String nonce, String qop, String nc, String cnonce) {
        String ha1 = algorithm.hash(user + ":" + realm + ":" + password);
        String ha2 = algorithm.hash(method + ":" + uri);
        return qop == null ? algorithm.hash(ha1 + ":" + nonce + ":" + ha2)
                : algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Credentials answering {@code challenge} for a request; {@code nonceCount} is the nc (1 for a new nonce). */
    static DigestCredentials answer(DigestChallenge challenge, String user, String password, String method,
                                    String uri, int nonceCount, String cnonce) {
        String qop = challenge.qopAuth() ? "auth" : null;
        String nc = qop == null ? "" : String.format("%08x", nonceCount);
        String cn = qop == null ? "" : cnonce;
        String response = response(challenge.algorithm(), user, challenge.realm(), password, method, uri,
                challenge.nonce(), qop, nc, cn);
        return new DigestCredentials(user, challenge.realm(), challenge.nonce(), uri, response,
                challenge.algorithm(), challenge.algorithmGiven(), Optional.ofNullable(qop), nc, cn,
                challenge.opaque());
    }

    /** Whether the credentials' response is right for the method and password (constant-time comparison). */
    static boolean verify(DigestCredentials credentials, String method, String password) {
        String expected = response(credentials.algorithm(), credentials.username(), credentials.realm(), password,
                method, credentials.uri(), credentials.nonce(), credentials.qop().orElse(null), credentials.nc(),
                credentials.cnonce());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                credentials.response().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
