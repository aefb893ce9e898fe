package postbox.media.source;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion (windowed-sinc interpolation, Blackman window, 16 zero crossings each side,
 * cut-off at 95 % of the lower Nyquist frequency, so downsampling does not alias): 8 kHz to 16 kHz and back, and
 * any other ratio. Two ways to use it, with identical results: {@link #resample} converts a whole clip at once
 * (prompts at load time), an instance converts a stream piece by piece ({@link #process}, then {@link #flush};
 * a recorder's writer thread turns a 16 kHz leg's audio into 8 kHz with it). Never on the tick. The static method
 * is thread-safe; an instance belongs to one thread.
 */
public final class Resampler {
    private static final int ZERO_CROSSINGS = 16;
    private static final int TABLE_STEPS = 512;
    private static final double PASSBAND = 0.95;

    private final double ratio;
    private final double halfWidth;
    private final double[] kernel;
    private short[] input = new short[4096];
    private long inputBase;
    private int inputCount;
    private long produced;

    /** A stream converter from {@code fromRate} Hz to {@code toRate} Hz. */
    public Resampler(double fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, not " + fromRate + " and " + toRate);
        }
        this.ratio = toRate / fromRate;
        double cutoff = 0.5 * Math.min(1.0, ratio) * PASSBAND;
        this.halfWidth = ZERO_CROSSINGS / (2 * cutoff);
        this.kernel = kernel(cutoff, halfWidth);
    }

    /** {@code input} at {@code fromRate} Hz converted to {@code toRate} Hz ({@code round(length × ratio)} samples). */
    public static short[] resample(short[] input, double fromRate, int toRate) {
        Resampler resampler = new Resampler(fromRate, toRate);
        short[] output = new short[resampler.maxOutput(input.length) + resampler.maxOutput(0)];
        int count = resampler.process(input, 0, input.length, output, 0);
        count += resampler.flush(output, count);
        return Arrays.copyOf(output, count);
    }

    /** An upper bound on the samples {@link #process} or {@link #flush} writes after {@code moreInput} more. */
    public int maxOutput(int moreInput) {
        return (int) Math.ceil((inputBase + inputCount + moreInput) * ratio - produced) + 2;
    }

    /**
     * Takes {@code count} more input samples and writes every output sample whose filter window they complete.
     *
     * @return the number of samples written to {@code output[offset...]} (at most {@link #maxOutput(int)})
     */
    public int process(short[] samples, int offset, int count, short[] output, int outputOffset) {
        append(samples, offset, count);
        long available = inputBase + inputCount;
        int written = 0;
        while (true) {
            double center = produced / ratio;
            if (Math.floor(center + halfWidth) > available - 1) {
                break;
            }
            output[outputOffset + written++] = sample(center, available);
            produced++;
        }
        discardBefore(produced / ratio);
        return written;
    }

    /**
     * Ends the stream: writes the remaining output samples (up to {@code round(total input × ratio)} in all, the
     * window clipped at the end of the input) and resets the converter for a new stream.
     *
     * @return the number of samples written to {@code output[offset...]}
     */
    public int flush(short[] output, int outputOffset) {
        long available = inputBase + inputCount;
        long total = Math.round(available * ratio);
        int written = 0;
        for (; produced < total; produced++) {
            output[outputOffset + written++] = sample(produced / ratio, available);
        }
        inputBase = 0;
        inputCount = 0;
        produced = 0;
        return written;
    }

    private short sample(double center, long available) {
        long first = Math.max(0, (long) Math.ceil(center - halfWidth));
        long last = Math.min(available - 1, (long) Math.floor(center + halfWidth));
        double sum = 0;
        for (long k = first; k <= last; k++) {
            sum += input[(int) (k - inputBase)] * tap(Math.abs(center - k));
        }
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
    }

    private void append(short[] samples, int offset, int count) {
        if (inputCount + count > input.length) {
            input = Arrays.copyOf(input, Math.max(input.length * 2, inputCount + count));
        }
        System.arraycopy(samples, offset, input, inputCount, count);
        inputCount += count;
    }

    /** Drops input no future output sample needs (those before the window of the next one). */
    private void discardBefore(double nextCenter) {
        long keepFrom = Math.max(inputBase, (long) Math.ceil(nextCenter - halfWidth));
        int drop = (int) Math.min(inputCount, keepFrom - inputBase);
        if (drop > input.length / 2) {
            System.arraycopy(input, drop, input, 0, inputCount - drop);
            inputBase += drop;
            inputCount -= drop;
        }
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

    private double tap(double distance) {
        double position = distance * TABLE_STEPS;
        int index = (int) position;
        double fraction = position - index;
        return kernel[index] + fraction * (kernel[index + 1] - kernel[index]);
    }
}
