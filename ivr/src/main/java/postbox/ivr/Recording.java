package postbox.ivr;

import postbox.media.RecordStop;

/**
 * How a recording ended, returned by {@link Call#record} once every sample has reached the output. A hangup
 * during the recording ends it with {@link RecordStop#CLOSED} (the audio is kept; the next blocking call throws
 * {@link HangupException}). Immutable value.
 *
 * @param reason        why it stopped
 * @param samples       samples written to the output (8 kHz)
 * @param voicedSamples samples up to the end of the last frame louder than the silence threshold
 */
public record Recording(RecordStop reason, long samples, long voicedSamples) {

    public Recording {
        if (samples < 0 || voicedSamples < 0 || voicedSamples > samples) {
            throw new IllegalArgumentException("bad sample counts: " + samples + " samples, " + voicedSamples
                    + " voiced");
        }
    }
}
