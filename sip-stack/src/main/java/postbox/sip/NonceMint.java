package postbox.sip;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the nonces of Postbox's own digest challenges without remembering them: a nonce carries its
 * issue time and a random part, sealed with an HMAC under a secret made at start-up. Thread-safe.
 */
final class NonceMint {

    /** How a nonce presented back to Postbox stands. */
    enum Freshness {
        /** Issued here and still within its lifetime. */
        FRESH,
        /** Issued here, but too old: challenge again with {@code stale=true}. */
        STALE,
        /** Not one of ours (forged, mangled, or from before a restart). */
        UNKNOWN
    }

    private static final int MAC_BYTES = 16;

    private final InstantSource clock;
    private final Duration lifetime;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    NonceMint(InstantSource clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A fresh nonce (URL-safe base64, no padding). */
    String issue() {
        ByteBuffer body = ByteBuffer.allocate(16);
        body.putLong(clock.millis()).putLong(random.nextLong());
        byte[] sealed = ByteBuffer.allocate(16 + MAC_BYTES).put(body.array()).put(mac(body.array())).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    Freshness check(String nonce) {
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Freshness.UNKNOWN;
        }
        if (sealed.length != 16 + MAC_BYTES) {
            return Freshness.UNKNOWN;
        }
        byte[] body = Arrays.copyOf(sealed, 16);
        if (!MessageDigest.isEqual(mac(body), Arrays.copyOfRange(sealed, 16, sealed.length))) {
            return Freshness.UNKNOWN;
        }
        long ageMillis = clock.millis() - ByteBuffer.wrap(body).getLong();
        return ageMillis >= 0 && ageMillis <= lifetime.toMillis() ? Freshness.FRESH : Freshness.STALE;
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
