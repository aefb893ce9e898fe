package postbox.media.testing;

/** How strong one frequency is in a stretch of audio: the tests' ear for tones. Stateless. */
public final class Spectrum {

    private Spectrum() {
    }

    /** The amplitude of {@code hz} in {@code samples[from, to)} at {@code sampleRate} (a single-bin DFT). */
    public static double amplitude(short[] samples, int from, int to, double hz, int sampleRate) {
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * hz * i / sampleRate;
            re += samples[i] * Math.cos(phase);
            im += samples[i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }
}
