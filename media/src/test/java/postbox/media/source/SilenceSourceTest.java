package postbox.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;

class SilenceSourceTest {

    @Test
    void playsWholeFramesOfSilence() {
        SilenceSource silence = new SilenceSource(Duration.ofMillis(50));
        short[] frame = new short[Frames.SAMPLES];
        int frames = 0;
        Arrays.fill(frame, (short) 7);
        while (silence.read(frame)) {
            assertThat(frame).containsOnly((short) 0);
            Arrays.fill(frame, (short) 7);
            frames++;
        }
        assertThat(frames).as("50 ms rounded up").isEqualTo(3);
    }

    @Test
    void zeroPlaysNothingAndNegativeIsRefused() {
        assertThat(new SilenceSource(Duration.ZERO).read(new short[Frames.SAMPLES])).isFalse();
        assertThatThrownBy(() -> new SilenceSource(Duration.ofMillis(-1))).hasMessageContaining("negative");
    }

    @Test
    void fillsFramesOfAnyRate() {
        SilenceSource silence = new SilenceSource(Duration.ofMillis(40));
        assertThat(silence.sampleRate()).as("any rate").isZero();
        short[] frame = new short[Frames.WIDEBAND_SAMPLES];
        Arrays.fill(frame, (short) 3);
        assertThat(silence.read(frame)).isTrue();
        assertThat(frame).containsOnly((short) 0);
    }
}
