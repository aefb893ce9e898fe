package postbox.store.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import postbox.store.audio.AudioConverter;

/**
 * Files a WAV body from outside (an upload, another node) as this store's canonical WAV: whatever WAV
 * javax.sound.sampled reads (any rate, channels, sample size, G.711) is converted to 8 kHz mono 16-bit PCM and
 * written atomically. Stateless; thread-safe.
 */
final class WavImport {

    /** The store's audio format. */
    static final AudioFormat FORMAT = new AudioFormat(WavHeader.SAMPLE_RATE, 16, 1, true, false);

    private WavImport() {
    }

    /**
     * Converts {@code wav} and writes it to {@code target} atomically; returns the samples stored.
     *
     * @throws IllegalArgumentException "not a WAV file ..." or "cannot convert ..." (nothing is written)
     */
    static long store(InputStream wav, Path target) throws IOException {
        AudioInputStream pcm = open(wav);
        long[] samples = new long[1];
        AtomicFiles.write(target, channel -> {
            long dataBytes = 0;
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = pcm.readNBytes(chunk, 0, chunk.length)) > 0) {
                AtomicFiles.writeFully(channel, ByteBuffer.wrap(chunk, 0, read), WavHeader.BYTES + dataBytes);
                dataBytes += read;
            }
            dataBytes -= dataBytes % WavHeader.BYTES_PER_SAMPLE;
            channel.truncate(WavHeader.BYTES + dataBytes);
            AtomicFiles.writeFully(channel, WavHeader.of(dataBytes), 0);
            samples[0] = dataBytes / WavHeader.BYTES_PER_SAMPLE;
        });
        return samples[0];
    }

    private static AudioInputStream open(InputStream wav) throws IOException {
        InputStream in = new BufferedInputStream(wav);
        if (!AudioConverter.startsAsWav(in)) {
            throw new IllegalArgumentException("not a WAV file (it does not start with RIFF....WAVE)");
        }
        AudioInputStream source;
        try {
            AudioFileFormat.Type type = AudioSystem.getAudioFileFormat(in).getType();
            if (!AudioFileFormat.Type.WAVE.equals(type)) {
                throw new IllegalArgumentException("not a WAV file (it is " + type + ")");
            }
            source = AudioSystem.getAudioInputStream(in);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException("not a WAV file (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            // some Java Sound readers on the classpath (JSpeex's) read past the end of a short body
            throw new IllegalArgumentException("not a WAV file (it ends inside its header)", e);
        }
        AudioFormat format = source.getFormat();
        if (format.matches(FORMAT)) {
            return source;
        }
        try {
            return AudioSystem.getAudioInputStream(FORMAT, source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot convert " + format + " to " + FORMAT, e);
        }
    }
}
