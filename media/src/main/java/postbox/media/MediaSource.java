package postbox.media;

/**
 * Audio to be played to a leg, pulled one 20 ms frame per tick. Tick thread only: {@link #read} never blocks,
 * never does I/O and never allocates (file-backed sources read ahead into a ring on another thread).
 *
 * <p>A source runs at the leg's {@linkplain MediaLeg#sampleRate() sample rate}: frames of 160 samples at 8 kHz,
 * 320 at 16 kHz ({@code frame.length} tells). A source made for one rate says so in {@link #sampleRate()}; a leg
 * refuses to play it at another (the playback ends at once, interrupted) and ends it when a re-INVITE changes the
 * rate.
 */
public interface MediaSource {

    /**
     * Fills {@code frame} (mono 16-bit, {@code frame.length} samples: 20 ms at the leg's rate) with the next 20 ms.
     *
     * @return false when the source is exhausted; the frame is then undefined and the source is not read again
     */
    boolean read(short[] frame);

    /** The rate this source's audio is at (8000 or 16000), or 0 when it plays at any rate (silence). */
    default int sampleRate() {
        return Frames.RATE;
    }

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
