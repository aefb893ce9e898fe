package postbox.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavTest {
    private static final double HALF_SCALE = 16384;

    @Test
    void readsEightKilohertzMono16BitBitExact() throws IOException {
        short[] samples = WavFiles.ramp(12345);
        short[] read = Wav.readPcm(new ByteArrayInputStream(WavFiles.pcm16(samples, 8000, 1)));
        assertThat(read).containsExactly(samples);
    }

    /** The fixtures hold 0.25 s of a 1 kHz sine at half scale (see resources/wav/README.md). */
    @ParameterizedTest
    @CsvSource({"ulaw-8k.wav, 0.02", "alaw-8k.wav, 0.02", "pcm8-unsigned-8k.wav, 0.02", "pcm24-44k.wav, 0.01",
            "float32-48k.wav, 0.01"})
    void convertsEncodingsAndRatesToEightKilohertzMono(String file, double tolerance) throws IOException {
        short[] read = read(file);
        assertThat(read.length).isBetween(1999, 2001);
        assertThat(Signals.amplitude(read, 200, 1800, 1000)).isCloseTo(HALF_SCALE, within(HALF_SCALE * tolerance));
        assertThat(Signals.amplitude(read, 200, 1800, 2500)).isLessThan(HALF_SCALE / 300);
    }

    @Test
    void averagesTheChannels() throws IOException {
        short[] read = read("pcm16-stereo-16k.wav");
        assertThat(read.length).isBetween(1999, 2001);
        assertThat(Signals.amplitude(read, 200, 1800, 1000)).as("left").isCloseTo(HALF_SCALE / 2, within(80.0));
        assertThat(Signals.amplitude(read, 200, 1800, 2000)).as("right").isCloseTo(HALF_SCALE / 2, within(80.0));
    }

    @Test
    void downsamplesWithoutAliasing() throws IOException {
        short[] mixed = new short[48000];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 1000 * i / 48000.0)
                    + 8000 * Math.sin(2 * Math.PI * 6000 * i / 48000.0));
        }
        short[] read = Wav.readPcm(new ByteArrayInputStream(WavFiles.pcm16(mixed, 48000, 1)));
        assertThat(read).hasSize(8000);
        assertThat(Signals.amplitude(read, 400, 7600, 1000)).isCloseTo(8000, within(40.0));
        assertThat(Signals.amplitude(read, 400, 7600, 2000)).as("6 kHz folded to 2 kHz").isLessThan(8);
    }

    @Test
    void upsamplesLowRates() throws IOException {
        short[] tone = new short[6000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 500 * i / 6000.0));
        }
        short[] read = Wav.readPcm(new ByteArrayInputStream(WavFiles.pcm16(tone, 6000, 1)));
        assertThat(read).hasSize(8000);
        assertThat(Signals.amplitude(read, 400, 7600, 500)).isCloseTo(10000, within(50.0));
    }

    @Test
    void refusesWhatIsNotAudioWithAClearSentence() {
        assertThatThrownBy(() -> read("not-audio.wav")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The audio is not a WAV file that Java Sound can read");
        assertThatThrownBy(() -> Wav.readPcm(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static short[] read(String file) throws IOException {
        try (InputStream in = WavTest.class.getResourceAsStream("/wav/" + file)) {
            assertThat(in).as(file).isNotNull();
            return Wav.readPcm(in);
        }
    }
}
