package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SipConfigTest {

    @Test
    void theOldConstructorAcceptsSrtpAndCodecsAreKeptInCanonicalSpelling() {
        SipConfig config = new SipConfig("127.0.0.1", 5060, List.of("opus", "SPEEX", "pcmu"), "ua");

        assertThat(config.srtp()).isTrue();
        assertThat(config.codecs()).containsExactly("opus", "speex/8000", "PCMU");
        assertThat(config.codecPreference().preference()).containsExactly(SdpCodec.OPUS, SdpCodec.SPEEX_NB,
                SdpCodec.PCMU);
        assertThat(new SipConfig("127.0.0.1", 5060, List.of("PCMU"), "ua", false).srtp()).isFalse();
    }

    @Test
    void unknownCodecTokensAreRefusedByName() {
        assertThatThrownBy(() -> new SipConfig("127.0.0.1", 5060, List.of("PCMU", "iLBC"), "ua"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown codec iLBC")
                .hasMessageContaining("known: PCMU, PCMA, G722, speex/8000, speex/16000, opus");
    }
}
