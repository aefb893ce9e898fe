package postbox.media.source;

import java.util.Arrays;
import java.util.Objects;

import postbox.media.Frames;
import postbox.media.MediaSource;

/**
 * In-memory audio played once (a prompt): mono 16-bit samples at the rate the clip was made for (8 kHz unless
 * stated; load a prompt for a 16 kHz leg with {@link Wav#readPcm(java.io.InputStream, int)}), the last frame
 * padded with silence. The array is shared, not copied, and must not change afterwards; create one clip per
 * playback (it keeps its position). Constructed on any thread, then read on the tick thread only.
 */
public final class PcmClip implements MediaSource {
    private final short[] samples;
    private final int end;
    private final int sampleRate;
    private int position;

    /** All of {@code samples}, at 8 kHz. */
    public PcmClip(short[] samples) {
        this(samples, 0, samples.length, Frames.RATE);
    }

    /** All of {@code samples}, at {@code sampleRate} (8000 or 16000). */
    public PcmClip(short[] samples, int sampleRate) {
        this(samples, 0, samples.length, sampleRate);
    }

    /** {@code samples[offset, offset + length)} at 8 kHz, e.g. a message from 5 s on. */
    public PcmClip(short[] samples, int offset, int length) {
        this(samples, offset, length, Frames.RATE);
    }

    /** {@code samples[offset, offset + length)} at {@code sampleRate} (8000 or 16000). */
    public PcmClip(short[] samples, int offset, int length, int sampleRate) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        this.samples = samples;
        this.position = offset;
        this.end = offset + length;
        this.sampleRate = Frames.checkRate(sampleRate);
    }

    @Override
    public boolean read(short[] frame) {
        int count = Math.min(frame.length, end - position);
        if (count <= 0) {
            return false;
        }
        System.arraycopy(samples, position, frame, 0, count);
        Arrays.fill(frame, count, frame.length, (short) 0);
        position += count;
        return true;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }
}
