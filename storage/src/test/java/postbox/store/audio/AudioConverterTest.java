package postbox.store.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import postbox.store.TestWavs;

class AudioConverterTest {

    /** Two seconds of a 440 Hz tone then a 1000 Hz tone, at 8 kHz. */
    private static short[] tones() {
        short[] pcm = new short[2 * AudioConverter.RATE];
        for (int i = 0; i < pcm.length; i++) {
            double hz = i < AudioConverter.RATE ? 440 : 1000;
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / AudioConverter.RATE));
        }
        return pcm;
    }

    /** Power of {@code hz} relative to the whole signal in samples [from, to). */
    private static double share(short[] pcm, int from, int to, double hz) {
        double re = 0;
        double im = 0;
        double energy = 0;
        for (int i = from; i < to; i++) {
            double angle = 2 * Math.PI * hz * i / AudioConverter.RATE;
            re += pcm[i] * Math.cos(angle);
            im += pcm[i] * Math.sin(angle);
            energy += (double) pcm[i] * pcm[i];
        }
        return 2 * (re * re + im * im) / (to - from) / energy;
    }

    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"MP3", "OPUS"})
    void exportedAudioDecodesBackToTheSameSound(AudioFormat format) throws IOException {
        short[] tones = tones();

        byte[] encoded = AudioConverter.convert(new ByteArrayInputStream(AudioConverter.wav(tones)), format);
        short[] back = AudioConverter.decode(new ByteArrayInputStream(encoded));

        System.out.printf("%s: 2.0 s of audio in %d bytes, decoded back to %.3f s%n", format, encoded.length,
                back.length / (double) AudioConverter.RATE);
        assertThat(encoded.length).isBetween(1_000, 16_000);
        assertThat(back.length / (double) AudioConverter.RATE).isBetween(1.9, 2.2);
        // whatever the codec's delay, the middle of each half is still its own tone
        int quarter = AudioConverter.RATE / 2;
        assertThat(share(back, quarter, quarter + 2000, 440)).isGreaterThan(0.8);
        assertThat(share(back, 3 * quarter, 3 * quarter + 2000, 1000)).isGreaterThan(0.8);
        assertThat(share(back, 3 * quarter, 3 * quarter + 2000, 440)).isLessThan(0.05);
    }

    @Test
    void aWavIsPassedThroughAsItIs() throws IOException {
        byte[] wav = TestWavs.wav(TestWavs.noise(800, 1));

        assertThat(AudioConverter.toWav(new ByteArrayInputStream(wav)).readAllBytes()).isEqualTo(wav);
        assertThat(AudioConverter.convert(new ByteArrayInputStream(wav), AudioFormat.WAV)).isEqualTo(wav);
    }

    @Test
    void otherAudioBecomesAnEightKilohertzWav() throws IOException {
        byte[] mp3 = AudioConverter.convert(new ByteArrayInputStream(AudioConverter.wav(tones())), AudioFormat.MP3);

        byte[] wav = AudioConverter.toWav(new ByteArrayInputStream(mp3)).readAllBytes();

        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        assertThat(java.nio.ByteBuffer.wrap(wav, 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo(8000);
    }

    @Test
    void whatIsNotAudioIsRefusedWithASentence() {
        assertThatThrownBy(() -> AudioConverter.toWav(new ByteArrayInputStream(
                "this is not audio at all, just some text".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio");
        assertThatThrownBy(() -> AudioConverter.toWav(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void formatsAreParsedWithAListOnError() {
        assertThat(AudioFormat.parse("MP3")).isEqualTo(AudioFormat.MP3);
        assertThatThrownBy(() -> AudioFormat.parse("flac")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wav, mp3, opus");
    }
}
