package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoLineTest {

    private static final String KEY = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^20",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^48",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|1048576",
            "1 AES_CM_128_HMAC_SHA1_32 INLINE:KEY KDR=0 WSH=64",
            "999999999   AES_CM_128_HMAC_SHA1_80   inline:KEY"})
    void takesOneInlineKeyWithoutMki(String value) {
        CryptoLine.Choice choice = CryptoLine.read(value.replace("KEY", KEY));

        assertThat(choice).isInstanceOfSatisfying(CryptoLine.Choice.Chosen.class, chosen ->
                assertThat(chosen.line().keySalt()).isEqualTo(Base64.getDecoder().decode(KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^20|1:4 => MKI 1:4 is not supported",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|1:4 => MKI 1:4",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^19 => key lifetime 2^19 is shorter",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|1048575 => key lifetime 1048575 is shorter",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|forever => key lifetime 'forever' is not a number",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^20|1:4;inline:KEY|2^20|2:4 => several keys",
            "1 AES_CM_128_HMAC_SHA1_80 inline:AAAA => the key and salt are 3 bytes, 30 needed",
            "1 AES_CM_128_HMAC_SHA1_80 inline:not*base64 => the key is not base64",
            "1 AES_CM_128_HMAC_SHA1_80 uri:https://keys.example/1 => key method uri is not supported",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY FEC_ORDER=SRTP_FEC => session parameter FEC_ORDER=SRTP_FEC",
            "1 AES_CM_128_HMAC_SHA1_80 inline:KEY KDR=24 => session parameter KDR=24",
            "1 NULL_HMAC_SHA1_80 inline:KEY => suite NULL_HMAC_SHA1_80 is not supported",
            "one AES_CM_128_HMAC_SHA1_80 inline:KEY => is not a crypto attribute",
            "1 AES_CM_128_HMAC_SHA1_80 => is not a crypto attribute"})
    void saysWhyALineWillNotDo(String value, String why) {
        CryptoLine.Choice choice = CryptoLine.read(value.replace("KEY", KEY));

        assertThat(choice).isInstanceOfSatisfying(CryptoLine.Choice.NoneUsable.class, none ->
                assertThat(none.why()).contains(why));
    }

    @Test
    void prefersTheFirstUsable80BitLineOverEarlier32BitOnes() {
        CryptoLine.Choice choice = CryptoLine.choose(List.of(
                "1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY,
                "2 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4",
                "3 AES_CM_128_HMAC_SHA1_80 inline:" + KEY,
                "4 AES_CM_128_HMAC_SHA1_80 inline:" + KEY));

        assertThat(choice).isInstanceOfSatisfying(CryptoLine.Choice.Chosen.class, chosen -> {
            assertThat(chosen.line().tag()).isEqualTo(3);
            assertThat(chosen.line().suite()).isEqualTo(Crypto.AES_CM_128_HMAC_SHA1_80);
        });
    }

    @Test
    void noLinesAtAllIsNamedAsSuch() {
        assertThat(CryptoLine.choose(List.of())).isEqualTo(new CryptoLine.Choice.NoneUsable(
                "RTP/SAVP offered without an a=crypto line; Postbox takes SDES keys (RFC 4568)"));
    }
}
