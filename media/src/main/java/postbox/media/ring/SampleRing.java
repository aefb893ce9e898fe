package postbox.media.ring;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free single-producer single-consumer ring of 16-bit samples: the hand-over between the tick and the
 * threads that do file I/O (recorder writers, WAV readers). One thread offers, one other thread polls; neither
 * blocks nor allocates. Positions are monotonic sample counts published with release/acquire ordering.
 */
public final class SampleRing {
    private final short[] samples;
    private final int mask;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();

    /** A ring holding at least {@code minCapacity} samples (rounded up to a power of two). */
    public SampleRing(int minCapacity) {
        if (minCapacity < 1 || minCapacity > 1 << 24) {
            throw new IllegalArgumentException("ring capacity must be 1.." + (1 << 24) + " samples, not "
                    + minCapacity);
        }
        int capacity = Integer.highestOneBit(minCapacity);
        if (capacity < minCapacity) {
            capacity <<= 1;
        }
        samples = new short[capacity];
        mask = capacity - 1;
    }

    /** Samples the ring can hold. */
    public int capacity() {
        return samples.length;
    }

    /**
     * Producer only: appends all {@code count} samples, or nothing when they do not fit.
     *
     * @return false when the ring had less than {@code count} free samples (nothing was written)
     */
    public boolean offer(short[] source, int offset, int count) {
        long head = produced.getPlain();
        long tail = consumed.getAcquire();
        if (count > samples.length - (int) (head - tail)) {
            return false;
        }
        int start = (int) head & mask;
        int first = Math.min(count, samples.length - start);
        System.arraycopy(source, offset, samples, start, first);
        System.arraycopy(source, offset + first, samples, 0, count - first);
        produced.setRelease(head + count);
        return true;
    }

    /**
     * Consumer only: takes up to {@code max} samples.
     *
     * @return the number of samples copied into {@code target}, 0 when the ring is empty
     */
    public int poll(short[] target, int offset, int max) {
        long tail = consumed.getPlain();
        int count = (int) Math.min(max, produced.getAcquire() - tail);
        if (count <= 0) {
            return 0;
        }
        int start = (int) tail & mask;
        int first = Math.min(count, samples.length - start);
        System.arraycopy(samples, start, target, offset, first);
        System.arraycopy(samples, 0, target, offset + first, count - first);
        consumed.setRelease(tail + count);
        return count;
    }

    /** Samples waiting to be polled (exact for the consumer, a lower bound for the producer). */
    public int available() {
        return (int) (produced.getAcquire() - consumed.getAcquire());
    }
}
