package postbox.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @ParameterizedTest
    @CsvSource({"16000, 8000", "8000, 16000", "44100, 8000", "8000, 11025"})
    void streamingInRandomPiecesGivesTheWholeClipResult(int from, int to) {
        Random random = new Random(from + to);
        short[] input = new short[12_345];
        for (int i = 0; i < input.length; i++) {
            input[i] = (short) (random.nextGaussian() * 5000);
        }
        short[] whole = Resampler.resample(input, from, to);
        Resampler stream = new Resampler(from, to);
        short[] streamed = new short[whole.length + 16];
        int written = 0;
        for (int at = 0; at < input.length; ) {
            int count = Math.min(input.length - at, 1 + random.nextInt(700));
            written += stream.process(input, at, count, streamed, written);
            at += count;
        }
        written += stream.flush(streamed, written);
        assertThat(Arrays.copyOf(streamed, written)).containsExactly(whole);
        assertThat(whole.length).isEqualTo((int) Math.round(input.length * (double) to / from));
    }

    @Test
    void doublesAndHalvesATelephonyToneWithoutLosingIt() {
        short[] tone = new short[8000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        short[] wide = Resampler.resample(tone, 8000, 16000);
        assertThat(wide).hasSize(16000);
        assertThat(Signals.amplitude(wide, 800, 15200, 1000, 16000)).isCloseTo(10000, within(100.0));
        short[] back = Resampler.resample(wide, 16000, 8000);
        assertThat(Signals.amplitude(back, 400, 7600, 1000)).isCloseTo(10000, within(150.0));
    }

    @Test
    void downsamplingRemovesWhatWouldAlias() {
        short[] high = new short[16000];
        for (int i = 0; i < high.length; i++) {
            high[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 6000 * i / 16000.0));
        }
        short[] narrow = Resampler.resample(high, 16000, 8000);
        assertThat(Signals.amplitude(narrow, 400, 7600, 2000)).as("6 kHz folded to 2 kHz").isLessThan(30);
    }
}
