package postbox.sip;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where the master key and salt of Postbox's own {@code a=crypto} line come from, given the peer's line that was
 * chosen. Implementations are thread-safe.
 */
@FunctionalInterface
interface LocalKeys {

    /** Postbox's master key || salt ({@link Crypto#KEY_SALT_BYTES} bytes) for a stream the peer keys with this. */
    byte[] keySaltFor(CryptoLine remote);

    /** A new random key for every stream: a new call. */
    static LocalKeys fresh() {
        return remote -> Crypto.randomKeySalt();
    }

    /**
     * The call's current local key while the peer keeps its crypto line (same suite, tag and key), a new random one
     * when it changes it or had none (RFC 4568 section 7.1.4: a re-INVITE that re-keys gets a new answer key).
     */
    static LocalKeys keepingUnlessChanged(Optional<Crypto> current) {
        return remote -> current.filter(c -> c.suite().equals(remote.suite()) && c.tag() == remote.tag()
                        && Arrays.equals(c.remoteKeySalt(), remote.keySalt()))
                .map(Crypto::localKeySalt).orElseGet(Crypto::randomKeySalt);
    }

    /** Always this key: reading the answer to an offer that carried it. */
    static LocalKeys fixed(byte[] keySalt) {
        byte[] copy = keySalt.clone();
        return remote -> copy.clone();
    }
}
