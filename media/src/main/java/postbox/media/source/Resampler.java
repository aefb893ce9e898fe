package postbox.media.source;

/**
 * Band-limited sample-rate conversion of a whole clip (windowed-sinc interpolation, Blackman window, 16 zero
 * crossings each side, cut-off at 95 % of the lower Nyquist frequency, so downsampling does not alias). For
 * load-time conversion of prompts and imported audio, never on the tick. Stateless, thread-safe.
 */
final class Resampler {
    private static final int ZERO_CROSSINGS = 16;
    private static final int TABLE_STEPS = 512;
    private static final double PASSBAND = 0.95;

    private Resampler() {
    }

    /** {@code input} at {@code fromRate} Hz converted to {@code toRate} Hz. */
    static short[] resample(short[] input, double fromRate, int toRate) {
        double ratio = toRate / fromRate;
        double cutoff = 0.5 * Math.min(1.0, ratio) * PASSBAND;
        double halfWidth = ZERO_CROSSINGS / (2 * cutoff);
        double[] kernel = kernel(cutoff, halfWidth);
        int length = (int) Math.round(input.length * ratio);
        short[] output = new short[length];
        for (int n = 0; n < length; n++) {
            double center = n / ratio;
            int first = Math.max(0, (int) Math.ceil(center - halfWidth));
            int last = Math.min(input.length - 1, (int) Math.floor(center + halfWidth));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                sum += input[k] * tap(kernel, Math.abs(center - k));
            }
            output[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return output;
    }

    /** The filter's impulse response sampled every 1/TABLE_STEPS input samples from 0 to halfWidth. */
    private static double[] kernel(double cutoff, double halfWidth) {
        int size = (int) Math.ceil(halfWidth * TABLE_STEPS) + 2;
        double[] table = new double[size];
        for (int i = 0; i < size; i++) {
            double distance = i / (double) TABLE_STEPS;
            double x = distance / halfWidth;
            if (x >= 1) {
                continue;
            }
            double window = 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
            double arg = 2 * cutoff * distance;
            double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
            table[i] = 2 * cutoff * sinc * window;
        }
        return table;
    }

    private static double tap(double[] table, double distance) {
        double position = distance * TABLE_STEPS;
        int index = (int) position;
        double fraction = position - index;
        return table[index] + fraction * (table[index + 1] - table[index]);
    }
}
