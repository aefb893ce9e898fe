package postbox.media;

/**
 * The internal audio format: mono signed 16-bit PCM in 20 ms frames, at 8 kHz ({@link #RATE}, the storage
 * format and the rate of G.711 legs) or 16 kHz ({@link #WIDEBAND_RATE}, legs running G.722, Speex WB or Opus).
 */
public final class Frames {
    /** Samples per second of narrow-band legs and of all recordings. */
    public static final int RATE = 8000;
    /** Samples per second of wideband legs. */
    public static final int WIDEBAND_RATE = 16000;
    /** Milliseconds per frame (one tick). */
    public static final int MILLIS = 20;
    /** Samples per frame at {@link #RATE}. */
    public static final int SAMPLES = RATE * MILLIS / 1000;
    /** Samples per frame at {@link #WIDEBAND_RATE}. */
    public static final int WIDEBAND_SAMPLES = WIDEBAND_RATE * MILLIS / 1000;
    /** Nanoseconds per frame. */
    public static final long NANOS = MILLIS * 1_000_000L;

    private Frames() {
    }

    /** Samples at {@link #RATE} to milliseconds. */
    public static long millis(long samples) {
        return samples * 1000 / RATE;
    }

    /** Samples per 20 ms frame at {@code sampleRate} (160 at 8 kHz, 320 at 16 kHz). */
    public static int samples(int sampleRate) {
        return sampleRate * MILLIS / 1000;
    }

    /**
     * Checks that {@code sampleRate} is one the engine runs at.
     *
     * @throws IllegalArgumentException for anything but 8000 and 16000
     */
    public static int checkRate(int sampleRate) {
        if (sampleRate != RATE && sampleRate != WIDEBAND_RATE) {
            throw new IllegalArgumentException("the engine runs at 8000 or 16000 Hz, not " + sampleRate);
        }
        return sampleRate;
    }
}
