package postbox.media.source;

import java.time.Duration;
import java.util.Arrays;

import postbox.media.Frames;
import postbox.media.MediaSource;

/**
 * Silence for a while (a pause between prompts), rounded up to whole frames, at whatever rate the leg runs.
 * Tick thread only.
 */
public final class SilenceSource implements MediaSource {
    private long framesLeft;

    /** Silence lasting {@code duration} (zero plays nothing). */
    public SilenceSource(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("silence duration must not be negative: " + duration);
        }
        framesLeft = (duration.toMillis() + Frames.MILLIS - 1) / Frames.MILLIS;
    }

    @Override
    public boolean read(short[] frame) {
        if (framesLeft <= 0) {
            return false;
        }
        framesLeft--;
        Arrays.fill(frame, (short) 0);
        return true;
    }

    /** Any rate: 0. */
    @Override
    public int sampleRate() {
        return 0;
    }
}
