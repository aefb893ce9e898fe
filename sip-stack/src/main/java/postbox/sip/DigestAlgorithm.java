package postbox.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The digest algorithms Postbox speaks (RFC 8760 for SIP): MD5 and SHA-256. Immutable. */
enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm=} token. */
    String token() {
        return token;
    }

    /** The algorithm named by an {@code algorithm=} token (case-insensitive); empty for others (e.g. MD5-sess). */
    static Optional<DigestAlgorithm> of(String token) {
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token.trim())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The lower-case hex hash of the UTF-8 text. */
    String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }
}
