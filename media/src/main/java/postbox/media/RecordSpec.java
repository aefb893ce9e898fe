package postbox.media;

import java.time.Duration;

/**
 * When a recording stops by itself.
 *
 * @param maxLength             the longest recording
 * @param silenceTimeout        stop after this much continuous silence, or null never to stop for silence
 * @param terminators           DTMF keys that stop the recording (e.g. {@code "#"}); other keys are only reported
 * @param silenceThresholdDbfs  frames quieter than this (RMS, dBFS, e.g. -42) count as silence
 */
public record RecordSpec(Duration maxLength, Duration silenceTimeout, String terminators, int silenceThresholdDbfs) {

    /** Default threshold for speech against line noise. */
    public static final int DEFAULT_THRESHOLD_DBFS = -42;

    /** Validates; a null {@code terminators} means none. */
    public RecordSpec {
        if (maxLength == null || maxLength.isNegative() || maxLength.isZero()) {
            throw new IllegalArgumentException("the maximum recording length must be positive, not " + maxLength);
        }
        if (silenceTimeout != null && (silenceTimeout.isNegative() || silenceTimeout.isZero())) {
            throw new IllegalArgumentException("the silence timeout must be positive or null, not " + silenceTimeout);
        }
        if (silenceThresholdDbfs > 0) {
            throw new IllegalArgumentException("the silence threshold must be at most 0 dBFS, not "
                    + silenceThresholdDbfs);
        }
        terminators = terminators == null ? "" : terminators;
    }
}
