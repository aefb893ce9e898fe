package postbox.bench.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;

class WavTest {

    @Test
    void writtenFileIsWhatTheJdkReadsAsEightKilohertzMono() throws Exception {
        short[] tone = Wav.tone(0.5, 440, 8000, 8000);

        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(Wav.of(tone, 8000)))) {
            AudioFormat format = in.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(8000f);
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(in.getFrameLength()).isEqualTo(4000);
        }
    }

    @Test
    void samplesRoundTrip() {
        short[] samples = {0, 1, -1, 32767, -32768, 1234};

        assertThat(Wav.samples(Wav.of(samples, 8000))).containsExactly(samples);
    }

    @Test
    void chunksBeforeTheDataAreSkipped() {
        byte[] plain = Wav.of(new short[] {5, -5, 7}, 8000);
        // insert a LIST chunk of 3 bytes (odd: padded to 4) between fmt and data
        ByteBuffer wav = ByteBuffer.allocate(plain.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(plain, 0, 36).put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0}).put(plain, 36, plain.length - 36);

        assertThat(Wav.samples(wav.array())).containsExactly((short) 5, (short) -5, (short) 7);
    }

    @Test
    void otherFilesAreRefused() {
        assertThatThrownBy(() -> Wav.samples("not a wav file at all".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
