package postbox.media.source;

import java.time.Duration;

import postbox.media.Frames;
import postbox.media.MediaSource;

/**
 * A sine tone (the beep before recording) at about -12 dBFS, with 5 ms fades against clicks. Computed once at
 * construction; read on the tick thread only.
 */
public final class ToneSource implements MediaSource {
    /** Peak amplitude of the tone. */
    public static final int AMPLITUDE = 8192;
    private static final int FADE_SAMPLES = Frames.RATE / 200;

    private final PcmClip clip;

    /** A tone of {@code hz} (1..3999) lasting {@code duration}. */
    public ToneSource(int hz, Duration duration) {
        if (hz < 1 || hz >= Frames.RATE / 2) {
            throw new IllegalArgumentException("tone frequency must be 1.." + (Frames.RATE / 2 - 1) + " Hz, not " + hz);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("tone duration must be positive, not " + duration);
        }
        int length = (int) (duration.toMillis() * Frames.RATE / 1000);
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            double fade = Math.min(1.0, Math.min(i, length - 1 - i) / (double) FADE_SAMPLES);
            samples[i] = (short) Math.round(AMPLITUDE * fade * Math.sin(2 * Math.PI * hz * i / Frames.RATE));
        }
        this.clip = new PcmClip(samples);
    }

    @Override
    public boolean read(short[] frame) {
        return clip.read(frame);
    }
}
