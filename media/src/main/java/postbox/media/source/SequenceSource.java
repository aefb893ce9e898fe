package postbox.media.source;

import java.util.List;

import postbox.media.MediaSource;

/**
 * Several sources played back to back as one playback (so one barge-in stops them all). Each piece is
 * closed when it ends; closing the sequence closes the pieces not yet ended. Tick thread only.
 */
public final class SequenceSource implements MediaSource {
    private final MediaSource[] pieces;
    private int current;
    private long endedUnderruns;

    /** Plays {@code pieces} in order. */
    public SequenceSource(List<? extends MediaSource> pieces) {
        this.pieces = pieces.toArray(new MediaSource[0]);
        for (MediaSource piece : this.pieces) {
            if (piece == null) {
                throw new IllegalArgumentException("a sequence cannot contain null pieces");
            }
        }
    }

    @Override
    public boolean read(short[] frame) {
        while (current < pieces.length) {
            MediaSource piece = pieces[current];
            if (piece.read(frame)) {
                return true;
            }
            endedUnderruns += piece.underruns();
            piece.close();
            current++;
        }
        return false;
    }

    @Override
    public void close() {
        for (; current < pieces.length; current++) {
            pieces[current].close();
        }
    }

    @Override
    public long underruns() {
        return endedUnderruns + (current < pieces.length ? pieces[current].underruns() : 0);
    }
}
