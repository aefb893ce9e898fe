package postbox.sip;

import java.util.Optional;

/**
 * The answer to a digest challenge ({@code Authorization} / {@code Proxy-Authorization}). Immutable.
 *
 * @param username  the user
 * @param realm     the realm answered
 * @param nonce     the nonce answered
 * @param uri       the digest-uri (the Request-URI)
 * @param response  the hex response
 * @param algorithm the algorithm used
 * @param algorithmGiven whether the {@code algorithm=} parameter is written
 * @param qop       {@code auth}, or empty for the RFC 2069 form
 * @param nc        the nonce count, 8 hex digits (empty without qop)
 * @param cnonce    the client nonce (empty without qop)
 * @param opaque    the echoed opaque, empty when none
 */
record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                         DigestAlgorithm algorithm, boolean algorithmGiven, Optional<String> qop, String nc,
                         String cnonce, Optional<String> opaque) {

    /** Reads an Authorization / Proxy-Authorization value; empty when it is not complete Digest credentials. */
    static Optional<DigestCredentials> parse(String headerValue) {
        for (AuthParams params : AuthParams.parse(headerValue)) {
            if (!params.digest()) {
                continue;
            }
            String algorithmToken = params.get("algorithm");
            Optional<DigestAlgorithm> algorithm = algorithmToken == null ? Optional.of(DigestAlgorithm.MD5)
                    : DigestAlgorithm.of(algorithmToken);
            String qop = params.get("qop");
            if (algorithm.isEmpty() || params.get("username") == null || params.get("realm") == null
                    || params.get("nonce") == null || params.get("uri") == null || params.get("response") == null
                    || (qop != null && (params.get("nc") == null || params.get("cnonce") == null))) {
                return Optional.empty();
            }
            return Optional.of(new DigestCredentials(params.get("username"), params.get("realm"),
                    params.get("nonce"), params.get("uri"), params.get("response"), algorithm.get(),
                    algorithmToken != null, Optional.ofNullable(qop), qop == null ? "" : params.get("nc"),
                    qop == null ? "" : params.get("cnonce"), Optional.ofNullable(params.get("opaque"))));
        }
        return Optional.empty();
    }

    /** The header value: {@code Digest username="...", realm="...", ...}. */
    String headerValue() {
        StringBuilder value = new StringBuilder("Digest username=\"").append(username)
                .append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce)
                .append("\", uri=\"").append(uri)
                .append("\", response=\"").append(response).append('"');
        if (algorithmGiven) {
            value.append(", algorithm=").append(algorithm.token());
        }
        qop.ifPresent(q -> value.append(", qop=").append(q).append(", nc=").append(nc)
                .append(", cnonce=\"").append(cnonce).append('"'));
        opaque.ifPresent(o -> value.append(", opaque=\"").append(o).append('"'));
        return value.toString();
    }
}
