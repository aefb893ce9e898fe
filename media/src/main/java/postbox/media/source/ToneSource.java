package postbox.media.source;

import java.time.Duration;

import postbox.media.Frames;
import postbox.media.MediaSource;

/**
 * A sine tone (the beep before recording) at about -12 dBFS, with 5 ms fades against clicks, at 8 or 16 kHz.
 * Computed once at construction; read on the tick thread only.
 */
public final class ToneSource implements MediaSource {
    /** Peak amplitude of the tone. */
    public static final int AMPLITUDE = 8192;

    private final PcmClip clip;

    /** A tone of {@code hz} (1..3999) lasting {@code duration}, at 8 kHz. */
    public ToneSource(int hz, Duration duration) {
        this(hz, duration, Frames.RATE);
    }

    /** A tone of {@code hz} (below half of {@code sampleRate}) lasting {@code duration}, at {@code sampleRate}. */
    public ToneSource(int hz, Duration duration, int sampleRate) {
        Frames.checkRate(sampleRate);
        if (hz < 1 || hz >= sampleRate / 2) {
            throw new IllegalArgumentException("tone frequency must be 1.." + (sampleRate / 2 - 1) + " Hz, not " + hz);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("tone duration must be positive, not " + duration);
        }
        int fadeSamples = sampleRate / 200;
        int length = (int) (duration.toMillis() * sampleRate / 1000);
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            double fade = Math.min(1.0, Math.min(i, length - 1 - i) / (double) fadeSamples);
            samples[i] = (short) Math.round(AMPLITUDE * fade * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        this.clip = new PcmClip(samples, sampleRate);
    }

    @Override
    public boolean read(short[] frame) {
        return clip.read(frame);
    }

    @Override
    public int sampleRate() {
        return clip.sampleRate();
    }
}
