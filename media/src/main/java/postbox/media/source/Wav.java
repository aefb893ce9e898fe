package postbox.media.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.ServiceLoader;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.AudioFileReader;

import postbox.media.Frames;

/**
 * Reads audio files into the engine's format (mono 16-bit at 8 kHz, or 16 kHz for wideband legs): any WAV (or
 * AU/AIFF) that {@code javax.sound.sampled} reads — PCM of 8-32 bits, float, µ-law, A-law, any rate, any channel
 * count. Channels are averaged, other rates resampled band-limited ({@link Resampler}, once, here); 16-bit mono
 * at the target rate passes bit-exact. Blocking, on the caller's thread; stateless and thread-safe.
 */
public final class Wav {
    /**
     * Java Sound's file readers, tried in turn like {@link AudioSystem#getAudioInputStream(InputStream)} does, except
     * that a reader hitting the end of a short stream counts as "not this format" (JSpeex's Ogg reader, on the
     * class path with the Speex codec, throws {@link EOFException} for anything shorter than an Ogg header).
     */
    private static final List<AudioFileReader> READERS = ServiceLoader.load(AudioFileReader.class).stream()
            .map(ServiceLoader.Provider::get).toList();
    private static final int MARK_LIMIT = 1 << 16;

    private Wav() {
    }

    /**
     * The whole of {@code wav} as 8 kHz mono 16-bit samples. Does not close {@code wav}.
     *
     * @throws IllegalArgumentException when the stream is not audio that Java Sound can read and convert
     * @throws IOException              when reading fails
     */
    public static short[] readPcm(InputStream wav) throws IOException {
        return readPcm(wav, Frames.RATE);
    }

    /**
     * The whole of {@code wav} as mono 16-bit samples at {@code sampleRate} (8000 or 16000, e.g. a prompt for a
     * 16 kHz leg). Does not close {@code wav}.
     *
     * @throws IllegalArgumentException when the stream is not audio that Java Sound can read and convert, or the
     *                                  rate is not one the engine runs at
     * @throws IOException              when reading fails
     */
    public static short[] readPcm(InputStream wav, int sampleRate) throws IOException {
        Frames.checkRate(sampleRate);
        AudioInputStream pcm = open(wav);
        return convert(samples(pcm.readAllBytes()), pcm.getFormat(), sampleRate);
    }

    /**
     * Opens {@code wav} as 16-bit little-endian signed PCM at its own rate and channel count.
     *
     * @throws IllegalArgumentException when it is not audio that Java Sound can read and convert
     */
    static AudioInputStream open(InputStream wav) throws IOException {
        InputStream in = wav.markSupported() ? wav : new BufferedInputStream(wav);
        AudioInputStream audio = null;
        String reasons = "no reader took it";
        for (AudioFileReader reader : READERS) {
            in.mark(MARK_LIMIT);
            try {
                audio = reader.getAudioInputStream(in);
                break;
            } catch (UnsupportedAudioFileException | EOFException notThisFormat) {
                reasons = notThisFormat.getMessage() == null ? notThisFormat.toString() : notThisFormat.getMessage();
                in.reset();
            }
        }
        if (audio == null) {
            throw new IllegalArgumentException("The audio is not a WAV file that Java Sound can read (" + reasons
                    + ").");
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

    /** Interleaved 16-bit samples in {@code format} (from {@link #open}) to mono at {@code sampleRate}. */
    static short[] convert(short[] interleaved, AudioFormat format, int sampleRate) {
        short[] mono = mixDown(interleaved, format.getChannels());
        float rate = format.getSampleRate();
        return rate == sampleRate ? mono : Resampler.resample(mono, rate, sampleRate);
    }

    /** True when {@code format} (from {@link #open}) is already mono at {@code sampleRate}. */
    static boolean isMonoAt(AudioFormat format, int sampleRate) {
        return format.getSampleRate() == sampleRate && format.getChannels() == 1;
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
