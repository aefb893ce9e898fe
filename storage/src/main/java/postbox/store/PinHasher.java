package postbox.store;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salts and slow-hashes PINs with PBKDF2-HMAC-SHA256 (from the JDK), so a stolen mailbox file does not give the
 * PINs away. A hash is self-describing, {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}, so the
 * iteration count can be raised later without invalidating stored hashes. Thread-safe.
 */
public final class PinHasher {

    /**
     * The iteration count for production use: one hash (or check) measured about 85 ms on the build machine
     * (JDK 25, warm JIT; the first call of a JVM takes a few times longer).
     */
    public static final int DEFAULT_ITERATIONS = 400_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final int MAX_ITERATIONS = 10_000_000;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param iterations PBKDF2 iterations for new hashes (tests use a few thousand to stay fast)
     */
    public PinHasher(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PIN hash iterations must be between 1 and " + MAX_ITERATIONS
                    + ", got " + iterations);
        }
        this.iterations = iterations;
    }

    /** The iteration count used for new hashes. */
    public int iterations() {
        return iterations;
    }

    /** Hashes a PIN with a fresh random salt. */
    public String hash(String pin) {
        Objects.requireNonNull(pin, "pin");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + '$' + iterations + '$' + base64.encodeToString(salt) + '$'
                + base64.encodeToString(derive(pin, salt, iterations));
    }

    /**
     * Whether {@code pin} is the PIN {@code stored} was made from (constant-time comparison; the iterations are
     * read from {@code stored}). Throws {@link IllegalArgumentException} when {@code stored} is not such a hash.
     */
    public boolean matches(String pin, String stored) {
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(stored, "stored");
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + " PIN hash");
        }
        int storedIterations;
        byte[] salt;
        byte[] expected;
        try {
            storedIterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + SCHEME + " PIN hash", e);
        }
        if (storedIterations < 1 || storedIterations > MAX_ITERATIONS || salt.length == 0
                || expected.length * 8 != HASH_BITS) {
            throw new IllegalArgumentException("malformed " + SCHEME + " PIN hash");
        }
        return MessageDigest.isEqual(expected, derive(pin, salt, storedIterations));
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
