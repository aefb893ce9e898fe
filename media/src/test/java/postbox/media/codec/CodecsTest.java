package postbox.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every codec this build speaks: a round trip of the reference signal (sweep, speech-like noise) above an SNR
 * floor (the best lag up to 20 ms, for the look-ahead of Speex and Opus), frame sizes and timestamp steps, and the
 * factory's refusals.
 */
class CodecsTest {
    private static final Logger log = LoggerFactory.getLogger(CodecsTest.class);
    /**
     * Floors a few dB under what each codec measured here (G.711 ~37, G.722 ~26, Speex NB ~13, WB ~7, Opus ~6 dB:
     * CELP and Opus keep the spectrum rather than the waveform); a codec that loses the signal scores about 0.
     */
    private static final Map<String, Double> SNR_FLOOR_DB = Map.of("PCMU", 33.0, "PCMA", 33.0, "G722", 22.0,
            "speex/8000", 9.0, "speex/16000", 4.5, "opus", 3.0);

    static java.util.List<CodecFormat> formats() {
        return Codecs.supported();
    }

    @ParameterizedTest
    @MethodSource("formats")
    void roundTripsTheReferenceSignal(CodecFormat format) {
        short[] signal = TestSignals.sweepThenSpeechLikeNoise(format.sampleRate(), 3);
        try (Codec codec = Codecs.create(format.encodingName(), format.clockRate(), "")) {
            short[] decoded = TestSignals.roundTrip(codec, signal);
            double snr = TestSignals.snrDb(signal, decoded, format.sampleRate() / 50);
            log.info("{} round trip: SNR {} dB", format.token(), String.format("%.1f", snr));
            assertThat(snr).as(format.token()).isGreaterThan(SNR_FLOOR_DB.get(format.token()));
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void framesAreTwentyMillisecondsAtTheLegRate(CodecFormat format) {
        assertThat(format.frameSamples() * 50).isEqualTo(format.sampleRate());
        assertThat(format.timestampStep() * 50).isEqualTo(format.clockRate());
        assertThat(format.sampleRate()).isIn(8000, 16000);
        assertThat(Codecs.format(format.encodingName().toUpperCase(), format.clockRate())).isEqualTo(format);
    }

    @Test
    void listsTheConfigurationTokens() {
        assertThat(Codecs.supported()).extracting(CodecFormat::token)
                .contains("PCMU", "PCMA", "G722", "speex/8000", "speex/16000");
        assertThat(Codecs.supported().getFirst().token()).as("cheapest first").isEqualTo("PCMU");
    }

    @Test
    void opusLoadsOnThisMachine() {
        assertThat(Codecs.supported()).extracting(CodecFormat::token).contains("opus");
        assertThat(Codecs.format("OPUS", 48000).sampleRate()).isEqualTo(16000);
    }

    @Test
    void refusesWhatItCannotSpeakNamingWhatItCan() {
        assertThatThrownBy(() -> Codecs.create("GSM", 8000, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GSM/8000").hasMessageContaining("PCMU/8000");
        assertThatThrownBy(() -> Codecs.create("speex", 32000, "")).hasMessageContaining("speex/32000");
        assertThatThrownBy(() -> Codecs.create("G722", 16000, "")).as("G.722's rtpmap clock is 8000")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statefulCodecsAreOnePerLegAndG711IsShared() {
        assertThat(Codecs.create("G722", 8000, "")).isNotSameAs(Codecs.create("G722", 8000, ""));
        assertThat(Codecs.create("pcmu", 8000, "")).isSameAs(G711.ULAW);
    }
}
