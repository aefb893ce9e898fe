package postbox.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;

class ToneSourceTest {

    @Test
    void playsASineOfTheFrequencyForTheDuration() {
        short[] played = Signals.play(new ToneSource(440, Duration.ofMillis(500)));
        assertThat(played).hasSize(25 * Frames.SAMPLES);
        assertThat(Signals.amplitude(played, 400, 3600, 440)).isCloseTo(ToneSource.AMPLITUDE, within(50.0));
        assertThat(Signals.amplitude(played, 400, 3600, 1000)).isLessThan(20);
    }

    @Test
    void fadesInAndOut() {
        short[] played = Signals.play(new ToneSource(1000, Duration.ofMillis(200)));
        assertThat(played[0]).isZero();
        assertThat(Math.abs(played[1599])).isZero();
        int peakInFade = 0;
        for (int i = 0; i < 10; i++) {
            peakInFade = Math.max(peakInFade, Math.abs(played[i]));
        }
        assertThat(peakInFade).isLessThan(ToneSource.AMPLITUDE / 3);
    }

    @Test
    void rejectsFrequenciesAboveNyquistAndEmptyDurations() {
        assertThatThrownBy(() -> new ToneSource(4000, Duration.ofSeconds(1))).hasMessageContaining("Hz");
        assertThatThrownBy(() -> new ToneSource(400, Duration.ZERO)).hasMessageContaining("duration");
    }

    @Test
    void playsAtSixteenKilohertzAboveTheNarrowBand() {
        ToneSource tone = new ToneSource(5000, Duration.ofMillis(200), 16000);
        assertThat(tone.sampleRate()).isEqualTo(16000);
        short[] played = Signals.play(tone, Frames.WIDEBAND_SAMPLES);
        assertThat(played).hasSize(10 * Frames.WIDEBAND_SAMPLES);
        assertThat(Signals.amplitude(played, 400, 2800, 5000, 16000)).isCloseTo(ToneSource.AMPLITUDE, within(50.0));
        assertThatThrownBy(() -> new ToneSource(8000, Duration.ofSeconds(1), 16000)).hasMessageContaining("7999");
    }
}
