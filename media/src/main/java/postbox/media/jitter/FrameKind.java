package postbox.media.jitter;

/** What a {@link JitterBuffer} put into a frame. */
public enum FrameKind {
    /** The peer's audio for this frame. */
    AUDIO,
    /** The frame was missing: an attenuated repeat of the last audio frame. */
    CONCEALED,
    /** Silence: no stream yet, the pre-roll after a (re)sync, or a gap longer than concealment covers. */
    SILENCE
}
