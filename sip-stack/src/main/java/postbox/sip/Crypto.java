package postbox.sip;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The SRTP keys of one call, agreed with SDES (RFC 4568): the crypto suite, the peer's master key and salt (from its
 * {@code a=crypto} line: what it protects its packets with, so what Postbox unprotects them with), Postbox's own
 * master key and salt (in the answer's {@code a=crypto} line: what Postbox protects its packets with) and the crypto
 * attribute's tag. Both keys are 30 bytes: a 16-byte AES-128 master key followed by a 14-byte master salt. No MKI,
 * the default key lifetime, no session parameters. Immutable and thread-safe: the arrays are copied in and out;
 * {@link #toString()} never shows key material.
 *
 * @param suite         {@link #AES_CM_128_HMAC_SHA1_80} or {@link #AES_CM_128_HMAC_SHA1_32}
 * @param remoteKeySalt the peer's master key || master salt, 30 bytes
 * @param localKeySalt  Postbox's master key || master salt, 30 bytes
 * @param tag           the {@code a=crypto} tag, echoed in the answer
 */
public record Crypto(String suite, byte[] remoteKeySalt, byte[] localKeySalt, int tag) {

    /** AES counter mode, 128-bit key, HMAC-SHA1 with an 80-bit tag (RFC 4568 section 6.2.1). */
    public static final String AES_CM_128_HMAC_SHA1_80 = "AES_CM_128_HMAC_SHA1_80";
    /** AES counter mode, 128-bit key, HMAC-SHA1 with a 32-bit tag on SRTP (80 on SRTCP) (RFC 4568 section 6.2.2). */
    public static final String AES_CM_128_HMAC_SHA1_32 = "AES_CM_128_HMAC_SHA1_32";
    /** The suites Postbox negotiates, most preferred first. */
    public static final List<String> SUITES = List.of(AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32);
    /** The length of a master key || master salt for the AES_CM_128 suites: 16 + 14 bytes. */
    public static final int KEY_SALT_BYTES = 30;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @throws IllegalArgumentException for a suite not in {@link #SUITES}, a key of another length than
     *                                  {@link #KEY_SALT_BYTES}, or a tag outside 0-999999999 (RFC 4568: 1*9DIGIT)
     */
    public Crypto {
        Objects.requireNonNull(suite, "suite");
        if (!SUITES.contains(suite)) {
            throw new IllegalArgumentException("SRTP suite " + suite + " is not one of " + SUITES);
        }
        remoteKeySalt = checkedCopy(remoteKeySalt, "remote");
        localKeySalt = checkedCopy(localKeySalt, "local");
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("a crypto tag has 1 to 9 digits, was " + tag);
        }
    }

    /** A fresh master key || salt of {@link #KEY_SALT_BYTES} from a {@link SecureRandom}. Thread-safe. */
    public static byte[] randomKeySalt() {
        byte[] keySalt = new byte[KEY_SALT_BYTES];
        RANDOM.nextBytes(keySalt);
        return keySalt;
    }

    /** A copy of the peer's master key || salt. */
    @Override
    public byte[] remoteKeySalt() {
        return remoteKeySalt.clone();
    }

    /** A copy of Postbox's master key || salt. */
    @Override
    public byte[] localKeySalt() {
        return localKeySalt.clone();
    }

    /** Equal when the suite, tag and both keys' contents are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Crypto that && suite.equals(that.suite) && tag == that.tag
                && Arrays.equals(remoteKeySalt, that.remoteKeySalt) && Arrays.equals(localKeySalt, that.localKeySalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suite, tag, Arrays.hashCode(remoteKeySalt), Arrays.hashCode(localKeySalt));
    }

    /** The suite and tag; the keys are left out (this value is logged). */
    @Override
    public String toString() {
        return "Crypto[suite=" + suite + ", tag=" + tag + ", keys hidden]";
    }

    private static byte[] checkedCopy(byte[] keySalt, String which) {
        Objects.requireNonNull(keySalt, which + "KeySalt");
        if (keySalt.length != KEY_SALT_BYTES) {
            throw new IllegalArgumentException("the " + which + " master key and salt must be " + KEY_SALT_BYTES
                    + " bytes, was " + keySalt.length);
        }
        return keySalt.clone();
    }
}
