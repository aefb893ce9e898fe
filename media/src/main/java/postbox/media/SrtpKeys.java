package postbox.media;

import java.util.Arrays;
import java.util.Set;

/**
 * SDES keys of an RTP/SAVP call (RFC 4568): the leg protects what it sends (SRTP and SRTCP) with its own master
 * key and salt and unprotects what it receives with the peer's. Immutable (the arrays are copied in and out);
 * {@link #toString()} never shows key material.
 *
 * @param suite          {@code AES_CM_128_HMAC_SHA1_80} or {@code AES_CM_128_HMAC_SHA1_32} (SRTCP keeps an
 *                       80-bit tag with either)
 * @param localKeySalt   the 16-byte master key followed by the 14-byte master salt that this side offered or
 *                       answered (30 bytes)
 * @param remoteKeySalt  the peer's 30-byte master key and salt
 */
public record SrtpKeys(String suite, byte[] localKeySalt, byte[] remoteKeySalt) {
    /** The default crypto suite: AES counter mode, 128-bit key, 80-bit HMAC-SHA1 tag. */
    public static final String AES_CM_128_HMAC_SHA1_80 = "AES_CM_128_HMAC_SHA1_80";
    /** Like {@link #AES_CM_128_HMAC_SHA1_80} with a 32-bit SRTP tag. */
    public static final String AES_CM_128_HMAC_SHA1_32 = "AES_CM_128_HMAC_SHA1_32";
    /** Master key plus master salt, in bytes. */
    public static final int KEY_SALT_BYTES = 30;
    private static final Set<String> SUITES = Set.of(AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32);

    /** Validates the suite and the key lengths; copies the keys. */
    public SrtpKeys {
        if (suite == null || !SUITES.contains(suite)) {
            throw new IllegalArgumentException("unsupported SRTP crypto suite '" + suite + "' (supported: "
                    + AES_CM_128_HMAC_SHA1_80 + ", " + AES_CM_128_HMAC_SHA1_32 + ")");
        }
        localKeySalt = checked("local", localKeySalt);
        remoteKeySalt = checked("remote", remoteKeySalt);
    }

    /** The local master key and salt (a copy). */
    @Override
    public byte[] localKeySalt() {
        return localKeySalt.clone();
    }

    /** The peer's master key and salt (a copy). */
    @Override
    public byte[] remoteKeySalt() {
        return remoteKeySalt.clone();
    }

    /** The SRTP authentication tag length of the suite, in bytes (10 or 4). */
    public int srtpTagBytes() {
        return suite.equals(AES_CM_128_HMAC_SHA1_32) ? 4 : 10;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpKeys keys && suite.equals(keys.suite)
                && Arrays.equals(localKeySalt, keys.localKeySalt) && Arrays.equals(remoteKeySalt, keys.remoteKeySalt);
    }

    @Override
    public int hashCode() {
        return suite.hashCode() * 31 * 31 + Arrays.hashCode(localKeySalt) * 31 + Arrays.hashCode(remoteKeySalt);
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + suite + "]";
    }

    private static byte[] checked(String side, byte[] keySalt) {
        if (keySalt == null || keySalt.length != KEY_SALT_BYTES) {
            throw new IllegalArgumentException("the " + side + " SRTP master key and salt must be "
                    + KEY_SALT_BYTES + " bytes, not " + (keySalt == null ? "missing" : keySalt.length));
        }
        return keySalt.clone();
    }
}
