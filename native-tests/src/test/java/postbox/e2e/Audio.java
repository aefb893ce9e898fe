package postbox.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Audio for the black-box tests: WAV in and out, µ-law, and how well two recordings match. */
final class Audio {

    static final float RATE = 8000f;
    static final AudioFormat PCM = new AudioFormat(RATE, 16, 1, true, false);
    static final AudioFormat ULAW = new AudioFormat(AudioFormat.Encoding.ULAW, RATE, 8, 1, 1, RATE, false);

    private Audio() {
    }

    static short[] readWav(byte[] wav) throws IOException {
        return readWav(new ByteArrayInputStream(wav));
    }

    static short[] readWav(Path wav) throws IOException {
        return readWav(Files.newInputStream(wav));
    }

    private static short[] readWav(InputStream in) throws IOException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(in));
             AudioInputStream pcm = AudioSystem.getAudioInputStream(PCM, source)) {
            return toSamples(pcm.readAllBytes());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a readable WAV: " + e.getMessage(), e);
        }
    }

    static void writeWav(short[] samples, Path file) throws IOException {
        byte[] bytes = toBytes(samples);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), PCM, samples.length)) {
            AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** Linear samples → G.711 µ-law bytes (the JDK's codec). */
    static byte[] toUlaw(short[] samples) throws IOException {
        try (AudioInputStream pcm = new AudioInputStream(new ByteArrayInputStream(toBytes(samples)), PCM, samples.length);
             AudioInputStream ulaw = AudioSystem.getAudioInputStream(ULAW, pcm)) {
            return ulaw.readAllBytes();
        }
    }

    /** G.711 µ-law bytes → linear samples (the JDK's codec). */
    static short[] fromUlaw(byte[] ulaw) throws IOException {
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(ulaw), ULAW, ulaw.length);
             AudioInputStream pcm = AudioSystem.getAudioInputStream(PCM, in)) {
            return toSamples(pcm.readAllBytes());
        }
    }

    static short[] toSamples(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    static byte[] toBytes(short[] samples) {
        ByteBuffer buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(samples);
        return buffer.array();
    }

    static double seconds(short[] samples) {
        return samples.length / RATE;
    }

    /**
     * Where {@code needle} sits best inside {@code haystack} and how well it matches there.
     *
     * @param offset samples into the haystack
     * @param score  normalised cross-correlation at that offset, 1.0 for identical audio
     */
    record Match(int offset, double score) {
        double offsetSeconds() {
            return offset / RATE;
        }
    }

    /** Finds {@code needle} in {@code haystack} by FFT cross-correlation, then scores the best offset exactly. */
    static Match find(short[] needle, short[] haystack) {
        int n = Integer.highestOneBit(Math.max(1, needle.length + haystack.length - 1)) << 1;
        double[] ar = new double[n], ai = new double[n], br = new double[n], bi = new double[n];
        for (int i = 0; i < haystack.length; i++) {
            ar[i] = haystack[i];
        }
        for (int i = 0; i < needle.length; i++) {
            br[i] = needle[i];
        }
        fft(ar, ai, false);
        fft(br, bi, false);
        for (int i = 0; i < n; i++) { // haystack × conj(needle)
            double re = ar[i] * br[i] + ai[i] * bi[i];
            double im = ai[i] * br[i] - ar[i] * bi[i];
            ar[i] = re;
            ai[i] = im;
        }
        fft(ar, ai, true);
        // normalise by the needle's energy and the sliding energy of the haystack window (prefix sums)
        double needleEnergy = 0;
        for (short x : needle) {
            needleEnergy += (double) x * x;
        }
        double[] prefix = new double[haystack.length + 1];
        for (int i = 0; i < haystack.length; i++) {
            prefix[i + 1] = prefix[i] + (double) haystack[i] * haystack[i];
        }
        int window = Math.min(needle.length, haystack.length);
        int best = 0;
        double bestScore = 0;
        for (int lag = 0; lag + window <= haystack.length; lag++) {
            double energy = prefix[lag + window] - prefix[lag];
            if (energy <= 0 || needleEnergy <= 0) {
                continue;
            }
            double ncc = ar[lag] / Math.sqrt(needleEnergy * energy);
            if (ncc > bestScore) {
                bestScore = ncc;
                best = lag;
            }
        }
        return new Match(best, score(needle, haystack, best));
    }

    /**
     * The share of {@code needle}'s voiced 100 ms pieces found in {@code haystack} near {@code offset} (normalised
     * correlation over 0.9), each piece free to sit up to 60 ms away: an adaptive jitter buffer that stalls a frame
     * on a late packet and later drops a silent one moves the audio between by 20 ms without losing any of it (and
     * spoils at most the one piece around each such step), whereas audio lost for good moves everything after it.
     */
    static double matchedShare(short[] needle, short[] haystack, int offset) {
        int piece = (int) RATE / 10;
        int maxShift = (int) RATE * 60 / 1000;
        int voiced = 0;
        int matched = 0;
        for (int start = 0; start + piece <= needle.length; start += piece) {
            short[] part = Arrays.copyOfRange(needle, start, start + piece);
            double energy = 0;
            for (short x : part) {
                energy += (double) x * x;
            }
            if (energy / piece < 100 * 100) {
                continue; // silence: nothing to match
            }
            voiced++;
            for (int shift = -maxShift; shift <= maxShift; shift++) {
                int lag = offset + start + shift;
                if (lag >= 0 && lag + piece <= haystack.length && score(part, haystack, lag) > 0.9) {
                    matched++;
                    break;
                }
            }
        }
        return voiced == 0 ? 0 : matched / (double) voiced;
    }

    /** Normalised correlation of needle against haystack[lag...] (the overlapping part). */
    static double score(short[] needle, short[] haystack, int lag) {
        double xy = 0, xx = 0, yy = 0;
        int len = Math.min(needle.length, haystack.length - lag);
        for (int i = 0; i < len; i++) {
            double x = needle[i], y = haystack[lag + i];
            xy += x * y;
            xx += x * x;
            yy += y * y;
        }
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }

    private static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(angle), wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1, ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k, b = i + k + len / 2;
                    double tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - tr; im[b] = im[a] - ti;
                    re[a] += tr; im[a] += ti;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }
}
