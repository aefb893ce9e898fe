package postbox.media.source;

import java.util.List;

import postbox.media.MediaSource;

/**
 * Several sources played back to back as one playback (so one barge-in stops them all), all at one sample rate
 * (pieces that play at any rate, like silence, fit in anywhere). Each piece is closed when it ends; closing the
 * sequence closes the pieces not yet ended. Tick thread only.
 */
public final class SequenceSource implements MediaSource {
    private final MediaSource[] pieces;
    private final int sampleRate;
    private int current;
    private long endedUnderruns;

    /**
     * Plays {@code pieces} in order.
     *
     * @throws IllegalArgumentException for a null piece, or pieces made for different sample rates
     */
    public SequenceSource(List<? extends MediaSource> pieces) {
        this.pieces = pieces.toArray(new MediaSource[0]);
        int rate = 0;
        for (MediaSource piece : this.pieces) {
            if (piece == null) {
                throw new IllegalArgumentException("a sequence cannot contain null pieces");
            }
            int pieceRate = piece.sampleRate();
            if (pieceRate != 0 && rate != 0 && pieceRate != rate) {
                throw new IllegalArgumentException("a sequence plays at one rate, not " + rate + " and "
                        + pieceRate + " Hz");
            }
            rate = pieceRate != 0 ? pieceRate : rate;
        }
        this.sampleRate = rate;
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

    /** The rate of its pieces (0 when all of them play at any rate). */
    @Override
    public int sampleRate() {
        return sampleRate;
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
