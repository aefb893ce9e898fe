package postbox.media;

/** The one internal audio format: 8 kHz mono signed 16-bit PCM in 20 ms frames. */
public final class Frames {
    /** Samples per second. */
    public static final int RATE = 8000;
    /** Milliseconds per frame (one tick). */
    public static final int MILLIS = 20;
    /** Samples per frame. */
    public static final int SAMPLES = RATE * MILLIS / 1000;
    /** Nanoseconds per frame. */
    public static final long NANOS = MILLIS * 1_000_000L;

    private Frames() {
    }

    /** Samples to milliseconds. */
    public static long millis(long samples) {
        return samples * 1000 / RATE;
    }
}
