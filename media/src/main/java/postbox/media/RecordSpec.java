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
}
