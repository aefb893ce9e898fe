package postbox.store.nats;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A greeting index entry: which object of the greetings Object Store holds the audio. Objects are named by their
 * content ({@code <sha256>.wav}), so a changed greeting is a new object and the backup can check what it fetched.
 *
 * @param object the object's name
 * @param sha256 the SHA-256 of the WAV, lower-case hex
 * @param size   the WAV's length in bytes
 */
record GreetingRef(String object, String sha256, long size) {

    /** The reference of a WAV held in memory. */
    static GreetingRef of(byte[] wav) {
        String sha256 = sha256(wav);
        return new GreetingRef(sha256 + ".wav", sha256, wav.length);
    }

    /** Whether {@code wav} is the content this entry names. */
    boolean matches(byte[] wav) {
        return wav.length == size && sha256(wav).equals(sha256);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
