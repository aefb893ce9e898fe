package postbox.media.record;

/**
 * Tells voiced frames from silence: a frame is voiced when its RMS level, in dBFS (0 dBFS = an RMS of 32768),
 * reaches the threshold. Compares energies (no logarithm on the tick). Immutable, thread-safe, allocation-free.
 */
public final class SilenceDetector {
    private final double thresholdMeanSquare;

    /** @param thresholdDbfs the quietest voiced level, e.g. -42 */
    public SilenceDetector(int thresholdDbfs) {
        if (thresholdDbfs > 0) {
            throw new IllegalArgumentException("silence threshold must be at most 0 dBFS, not " + thresholdDbfs);
        }
        double rms = 32768 * Math.pow(10, thresholdDbfs / 20.0);
        thresholdMeanSquare = rms * rms;
    }

    /** True when {@code samples[offset, offset + count)} is at or above the threshold. */
    public boolean voiced(short[] samples, int offset, int count) {
        if (count <= 0) {
            return false;
        }
        long energy = 0;
        for (int i = offset; i < offset + count; i++) {
            energy += samples[i] * samples[i];
        }
        return energy >= thresholdMeanSquare * count;
    }
}
