package postbox.media.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import postbox.media.PcmOutput;

/**
 * A {@link PcmOutput} that keeps everything in memory: the samples written and the sample count at each
 * checkpoint. Thread-safe (written by a recorder's writer thread, read by the test).
 */
public final class PcmCollector implements PcmOutput {
    private short[] samples = new short[8000];
    private int size;
    private final List<Integer> checkpoints = new ArrayList<>();

    @Override
    public synchronized void write(short[] source, int offset, int count) {
        if (size + count > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + count));
        }
        System.arraycopy(source, offset, samples, size, count);
        size += count;
    }

    @Override
    public synchronized void checkpoint() {
        checkpoints.add(size);
    }

    /** Everything written so far. */
    public synchronized short[] samples() {
        return Arrays.copyOf(samples, size);
    }

    /** The number of samples written at each checkpoint, in order. */
    public synchronized List<Integer> checkpoints() {
        return List.copyOf(checkpoints);
    }
}
