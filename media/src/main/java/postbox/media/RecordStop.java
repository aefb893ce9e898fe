package postbox.media;

/** Why a recording stopped. */
public enum RecordStop {
    /** A terminator key from {@link RecordSpec#terminators()} was pressed. */
    KEY,
    /** {@link RecordSpec#silenceTimeout()} of continuous silence. */
    SILENCE,
    /** {@link RecordSpec#maxLength()} reached. */
    MAX_LENGTH,
    /** {@link MediaLeg#stopRecord()} was called. */
    STOPPED,
    /** The leg was closed (hangup) while recording. */
    CLOSED,
    /** Writing the audio failed. */
    ERROR
}
