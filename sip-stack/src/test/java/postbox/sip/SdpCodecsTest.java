package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpCodecsTest {

    @Test
    void knowsIssueFivesCodecsByTheirConfigurationTokens() {
        assertThat(SdpCodecs.known()).containsExactly("PCMU", "PCMA", "G722", "speex/8000", "speex/16000", "opus");
    }

    @Test
    void readsTokensInAnyCaseWithSpeexAsNarrowbandAndDropsRepeats() {
        SdpCodecs codecs = SdpCodecs.parse(List.of("OPUS", "Speex", "speex/16000", "g722", "pcmu", "PCMU"));

        assertThat(codecs.preference()).containsExactly(SdpCodec.OPUS, SdpCodec.SPEEX_NB, SdpCodec.SPEEX_WB,
                SdpCodec.G722, SdpCodec.PCMU);
        assertThat(codecs.tokens()).containsExactly("opus", "speex/8000", "speex/16000", "G722", "PCMU");
    }

    @Test
    void unknownTokensAreNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> SdpCodecs.parse(List.of("PCMU", "G729", "speex/32000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown codecs G729, speex/32000 (known: PCMU, PCMA, G722, speex/8000,"
                        + " speex/16000, opus");
        assertThatThrownBy(() -> SdpCodecs.parse(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one codec");
    }

    @Test
    void aReinviteMovesTheCallsCodecToTheFront() {
        SdpCodecs codecs = SdpCodecs.parse(List.of("PCMU", "G722", "opus"));

        assertThat(codecs.preferring(SdpCodec.OPUS).preference())
                .containsExactly(SdpCodec.OPUS, SdpCodec.PCMU, SdpCodec.G722);
    }

    @Test
    void writesRtpmapsAsTheRfcsSpellThem() {
        assertThat(List.of(SdpCodec.values())).extracting(SdpCodec::rtpmap).containsExactly(
                "PCMU/8000", "PCMA/8000", "G722/8000", "speex/8000", "speex/16000", "opus/48000/2");
        assertThat(SdpCodec.of("OPUS", 48000)).contains(SdpCodec.OPUS);
        assertThat(SdpCodec.of("G722", 16000)).isEmpty();
    }
}
