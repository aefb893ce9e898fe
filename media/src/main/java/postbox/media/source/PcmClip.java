package postbox.media.source;

import java.util.Arrays;
import java.util.Objects;

import postbox.media.Frames;
import postbox.media.MediaSource;

/**
 * In-memory audio played once (a prompt): 8 kHz mono 16-bit samples, the last frame padded with silence. The
 * array is shared, not copied, and must not change afterwards; create one clip per playback (it keeps its
 * position). Constructed on any thread, then read on the tick thread only.
 */
public final class PcmClip implements MediaSource {
    private final short[] samples;
    private final int end;
    private int position;

    /** All of {@code samples}. */
    public PcmClip(short[] samples) {
        this(samples, 0, samples.length);
    }

    /** {@code samples[offset, offset + length)}, e.g. a message from 5 s on. */
    public PcmClip(short[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        this.samples = samples;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public boolean read(short[] frame) {
        int count = Math.min(Frames.SAMPLES, end - position);
        if (count <= 0) {
            return false;
        }
        System.arraycopy(samples, position, frame, 0, count);
        Arrays.fill(frame, count, Frames.SAMPLES, (short) 0);
        position += count;
        return true;
    }
}
