package postbox.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;

class PcmClipTest {

    @Test
    void playsItsSamplesOnceAndPadsTheLastFrame() {
        short[] samples = new short[400];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i + 1);
        }
        PcmClip clip = new PcmClip(samples);
        short[] frame = new short[Frames.SAMPLES];

        assertThat(clip.read(frame)).isTrue();
        assertThat(frame).containsExactly(Arrays.copyOfRange(samples, 0, 160));
        assertThat(clip.read(frame)).isTrue();
        assertThat(frame).containsExactly(Arrays.copyOfRange(samples, 160, 320));
        Arrays.fill(frame, (short) -1);
        assertThat(clip.read(frame)).isTrue();
        assertThat(Arrays.copyOfRange(frame, 0, 80)).containsExactly(Arrays.copyOfRange(samples, 320, 400));
        assertThat(Arrays.copyOfRange(frame, 80, 160)).containsOnly((short) 0);
        assertThat(clip.read(frame)).isFalse();
    }

    @Test
    void playsAPartOfTheArray() {
        short[] samples = new short[1000];
        samples[500] = 42;
        PcmClip clip = new PcmClip(samples, 500, 160);
        short[] frame = new short[Frames.SAMPLES];
        assertThat(clip.read(frame)).isTrue();
        assertThat(frame[0]).isEqualTo((short) 42);
        assertThat(clip.read(frame)).isFalse();
        assertThatThrownBy(() -> new PcmClip(samples, 900, 160)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anEmptyClipEndsAtOnce() {
        assertThat(new PcmClip(new short[0]).read(new short[Frames.SAMPLES])).isFalse();
    }

    @Test
    void aWidebandClipPlaysTwiceAsManySamplesPerFrame() {
        short[] samples = new short[700];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i + 1);
        }
        PcmClip clip = new PcmClip(samples, 16000);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        short[] frame = new short[Frames.WIDEBAND_SAMPLES];
        assertThat(clip.read(frame)).isTrue();
        assertThat(frame).containsExactly(Arrays.copyOfRange(samples, 0, 320));
        assertThat(clip.read(frame)).isTrue();
        assertThat(clip.read(frame)).isTrue();
        assertThat(Arrays.copyOfRange(frame, 0, 60)).containsExactly(Arrays.copyOfRange(samples, 640, 700));
        assertThat(Arrays.copyOfRange(frame, 60, 320)).containsOnly((short) 0);
        assertThat(clip.read(frame)).isFalse();
        assertThatThrownBy(() -> new PcmClip(samples, 44100)).hasMessageContaining("8000 or 16000");
    }
}
