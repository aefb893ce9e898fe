package postbox.media.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** WAV files made in memory for tests. */
final class WavFiles {
    private WavFiles() {
    }

    /** A 16-bit PCM WAV of interleaved {@code samples} at {@code rate} Hz with {@code channels} channels. */
    static byte[] pcm16(short[] samples, float rate, int channels) throws IOException {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes), format,
                samples.length / channels), AudioFileFormat.Type.WAVE, wav);
        return wav.toByteArray();
    }

    /** A mono 8 kHz ramp: sample i is {@code (short) (i * 7)}. */
    static short[] ramp(int length) {
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) (i * 7);
        }
        return samples;
    }
}
