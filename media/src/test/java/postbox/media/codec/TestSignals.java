package postbox.media.codec;

import java.util.Random;

/** Reference signals for codec tests: a tone sweep then speech-like noise (low-passed, 4 Hz syllabic envelope). */
final class TestSignals {
    private TestSignals() {
    }

    /**
     * {@code seconds} of signal at {@code sampleRate}: the first second a sine sweeping 200 Hz to 80 % of Nyquist
     * at -15 dBFS, then noise low-passed at about 1 kHz, modulated at 4 Hz, peaks around -6 dBFS. Seeded.
     */
    static short[] sweepThenSpeechLikeNoise(int sampleRate, int seconds) {
        Random random = new Random(5);
        short[] samples = new short[sampleRate * seconds];
        double phase = 0;
        double lowPassed = 0;
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / sampleRate;
            double value;
            if (t < 1) {
                double hz = 200 + (sampleRate / 2.0 * 0.8 - 200) * t;
                phase += 2 * Math.PI * hz / sampleRate;
                value = 6000 * Math.sin(phase);
            } else {
                lowPassed = 0.9 * lowPassed + 0.1 * random.nextGaussian() * 8000;
                value = 2 * lowPassed * (0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t));
            }
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        }
        return samples;
    }

    /**
     * The signal-to-noise ratio of {@code decoded} against {@code original} delayed by the best lag up to
     * {@code maxLag} samples (codecs with look-ahead delay their output), in dB, skipping the first and last
     * {@code maxLag} samples.
     */
    static double snrDb(short[] original, short[] decoded, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double signal = 0;
            double noise = 0;
            for (int i = maxLag + lag; i < Math.min(original.length, decoded.length) - maxLag; i++) {
                double x = original[i - lag];
                double error = decoded[i] - x;
                signal += x * x;
                noise += error * error;
            }
            best = Math.max(best, 10 * Math.log10(signal / Math.max(noise, 1e-9)));
        }
        return best;
    }

    /** {@code signal} through {@code codec} frame by frame (encode, decode), as long as the input. */
    static short[] roundTrip(Codec codec, short[] signal) {
        int frame = codec.format().frameSamples();
        short[] decoded = new short[signal.length];
        short[] in = new short[frame];
        short[] out = new short[4 * frame];
        byte[] payload = new byte[Codec.MAX_PAYLOAD];
        for (int at = 0; at + frame <= signal.length; at += frame) {
            System.arraycopy(signal, at, in, 0, frame);
            int length = codec.encode(in, payload, 0);
            int samples = codec.decode(payload, 0, length, out);
            System.arraycopy(out, 0, decoded, at, Math.min(samples, frame));
        }
        return decoded;
    }
}
