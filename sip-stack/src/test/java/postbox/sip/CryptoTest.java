package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CryptoTest {

    private static byte[] key(int seed) {
        byte[] key = new byte[Crypto.KEY_SALT_BYTES];
        key[0] = (byte) seed;
        return key;
    }

    @Test
    void equalsByContentAndCopiesTheKeysInAndOut() {
        byte[] remote = key(1);
        Crypto crypto = new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, remote, key(2), 1);
        remote[0] = 9;
        crypto.localKeySalt()[0] = 9;

        assertThat(crypto).isEqualTo(new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, key(1), key(2), 1))
                .hasSameHashCodeAs(new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, key(1), key(2), 1))
                .isNotEqualTo(new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, key(1), key(3), 1))
                .isNotEqualTo(new Crypto(Crypto.AES_CM_128_HMAC_SHA1_32, key(1), key(2), 1))
                .isNotEqualTo(new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, key(1), key(2), 2));
    }

    @Test
    void theTextNeverShowsTheKeys() {
        byte[] key = Crypto.randomKeySalt();
        Crypto crypto = new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, key, key, 7);

        assertThat(crypto.toString()).contains("AES_CM_128_HMAC_SHA1_80", "7")
                .doesNotContain(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void refusesOtherSuitesKeyLengthsAndTags() {
        assertThatThrownBy(() -> new Crypto("AES_256_CM_HMAC_SHA1_80", key(1), key(2), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AES_256_CM_HMAC_SHA1_80");
        assertThatThrownBy(() -> new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, new byte[16], key(2), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 bytes, was 16");
        assertThatThrownBy(() -> new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, key(1), key(2), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
