package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalKeysTest {

    private static final byte[] REMOTE = key(1);
    private static final byte[] LOCAL = key(2);
    private static final Crypto CURRENT = new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, REMOTE, LOCAL, 1);

    private static byte[] key(int seed) {
        byte[] key = new byte[Crypto.KEY_SALT_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    @Test
    void aReofferOfTheSameCryptoLineKeepsTheLocalKey() {
        byte[] answered = LocalKeys.keepingUnlessChanged(Optional.of(CURRENT))
                .keySaltFor(new CryptoLine(1, Crypto.AES_CM_128_HMAC_SHA1_80, REMOTE));

        assertThat(answered).isEqualTo(LOCAL);
    }

    @Test
    void aNewRemoteKeyTagOrSuiteGetsANewLocalKey() {
        LocalKeys keys = LocalKeys.keepingUnlessChanged(Optional.of(CURRENT));

        assertThat(keys.keySaltFor(new CryptoLine(1, Crypto.AES_CM_128_HMAC_SHA1_80, key(3))))
                .hasSize(Crypto.KEY_SALT_BYTES).isNotEqualTo(LOCAL);
        assertThat(keys.keySaltFor(new CryptoLine(2, Crypto.AES_CM_128_HMAC_SHA1_80, REMOTE))).isNotEqualTo(LOCAL);
        assertThat(keys.keySaltFor(new CryptoLine(1, Crypto.AES_CM_128_HMAC_SHA1_32, REMOTE))).isNotEqualTo(LOCAL);
    }

    @Test
    void aCallWithoutSrtpSoFarGetsAFreshKey() {
        byte[] first = LocalKeys.keepingUnlessChanged(Optional.empty())
                .keySaltFor(new CryptoLine(1, Crypto.AES_CM_128_HMAC_SHA1_80, REMOTE));
        byte[] second = LocalKeys.fresh().keySaltFor(new CryptoLine(1, Crypto.AES_CM_128_HMAC_SHA1_80, REMOTE));

        assertThat(first).hasSize(Crypto.KEY_SALT_BYTES).isNotEqualTo(second).isNotEqualTo(REMOTE);
    }

    @Test
    void aFixedKeyIsAlwaysThatKey() {
        byte[] given = key(4);
        LocalKeys keys = LocalKeys.fixed(given);
        given[0]++;

        assertThat(keys.keySaltFor(new CryptoLine(9, Crypto.AES_CM_128_HMAC_SHA1_80, REMOTE))).isEqualTo(key(4));
    }
}
