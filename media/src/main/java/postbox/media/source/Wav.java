package postbox.media.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import postbox.media.Frames;

/**
 * Reads audio files into the engine's format (8 kHz mono 16-bit): any WAV (or AU/AIFF) that
 * {@code javax.sound.sampled} reads — PCM of 8-32 bits, float, µ-law, A-law, any rate, any channel count.
 * Channels are averaged, other rates resampled band-limited; 8 kHz 16-bit mono passes bit-exact. Blocking,
 * on the caller's thread; stateless and thread-safe.
 */
public final class Wav {
    private Wav() {
    }

    /**
     * The whole of {@code wav} as 8 kHz mono 16-bit samples. Does not close {@code wav}.
     *
     * @throws IllegalArgumentException when the stream is not audio that Java Sound can read and convert
     * @throws IOException              when reading fails
     */
    public static short[] readPcm(InputStream wav) throws IOException {
        AudioInputStream pcm = open(wav);
        return toTelephony(samples(pcm.readAllBytes()), pcm.getFormat());
    }

    /**
     * Opens {@code wav} as 16-bit little-endian signed PCM at its own rate and channel count.
     *
     * @throws IllegalArgumentException when it is not audio that Java Sound can read and convert
     */
    static AudioInputStream open(InputStream wav) throws IOException {
        AudioInputStream audio;
        try {
            audio = AudioSystem.getAudioInputStream(wav.markSupported() ? wav : new BufferedInputStream(wav));
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException("The audio is not a WAV file that Java Sound can read ("
                    + e.getMessage() + ").", e);
        }
        AudioFormat format = audio.getFormat();
        if (format.getSampleRate() <= 0 || format.getChannels() <= 0) {
            throw new IllegalArgumentException("The WAV file does not state its sample rate and channels: "
                    + format + ".");
        }
        AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.getSampleRate(), 16,
                format.getChannels(), 2 * format.getChannels(), format.getSampleRate(), false);
        if (format.matches(pcm)) {
            return audio;
        }
        if (!AudioSystem.isConversionSupported(pcm, format)) {
            throw new IllegalArgumentException("The WAV file's encoding (" + format
                    + ") cannot be converted to 16-bit PCM.");
        }
        return AudioSystem.getAudioInputStream(pcm, audio);
    }

    /** Little-endian 16-bit bytes as samples. */
    static short[] samples(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return samples;
    }

    /** Interleaved 16-bit samples in {@code format} (from {@link #open}) to 8 kHz mono. */
    static short[] toTelephony(short[] interleaved, AudioFormat format) {
        short[] mono = mixDown(interleaved, format.getChannels());
        float rate = format.getSampleRate();
        return rate == Frames.RATE ? mono : Resampler.resample(mono, rate, Frames.RATE);
    }

    /** True when {@code format} (from {@link #open}) is already 8 kHz mono. */
    static boolean isTelephony(AudioFormat format) {
        return format.getSampleRate() == Frames.RATE && format.getChannels() == 1;
    }

    private static short[] mixDown(short[] interleaved, int channels) {
        if (channels == 1) {
            return interleaved;
        }
        short[] mono = new short[interleaved.length / channels];
        for (int i = 0; i < mono.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = (short) Math.floorDiv(sum, channels);
        }
        return mono;
    }
}
