package postbox.media;

/**
 * Audio to be played to a leg, pulled one 20 ms frame per tick. Tick thread only: {@link #read} never blocks,
 * never does I/O and never allocates (file-backed sources read ahead into a ring on another thread).
 */
public interface MediaSource {

    /**
     * Fills {@code frame} (8 kHz mono 16-bit, {@link Frames#SAMPLES} samples) with the next 20 ms.
     *
     * @return false when the source is exhausted; the frame is then undefined and the source is not read again
     */
    boolean read(short[] frame);

    /** Called once when playback ends or is interrupted; must return at once. */
    default void close() {
    }

    /**
     * Frames this source had to fill with silence because its read-ahead was late (the leg adds them to the
     * engine's play underrun count). Tick thread only.
     */
    default long underruns() {
        return 0;
    }
}
