package postbox.bench.audio;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one stored recording holds of the frames its call sent, from the {@link FrameMark}s found in it. The
 * recording starts some time after the call did (after the greeting and the tone), so the frames expected run
 * from the first of its own frames found to the last frame the call sent; frames lost before the first one found
 * cannot be seen. Counters are taken not to wrap (2^20 frames, 5.8 hours). Immutable.
 *
 * @param expected   frames that should be there
 * @param found      distinct expected frames that are there
 * @param lost       {@code expected - found}
 * @param lostAtEnd  of those, frames after the last one found (a recording cut short, not a hole)
 * @param duplicated frames of this call found more than once (extra copies)
 * @param reordered  frames found after a later frame of this call
 * @param foreign    frames of another call
 */
public record RecordingCheck(int expected, int found, int lost, int lostAtEnd, int duplicated, int reordered,
                             int foreign) {

    /** Nothing checked yet: the identity of {@link #plus}. */
    public static final RecordingCheck NONE = new RecordingCheck(0, 0, 0, 0, 0, 0, 0);

    /**
     * Checks the marks of one recording against what call number {@code call} sent.
     *
     * @param lastSent the counter of the last frame the call sent
     */
    public static RecordingCheck of(List<FrameMark.Mark> marks, int call, int lastSent) {
        int first = Integer.MAX_VALUE;
        int lastFound = -1;
        int own = 0;
        for (FrameMark.Mark mark : marks) {
            if (mark.call() == call) {
                own++;
                first = Math.min(first, mark.counter());
                lastFound = Math.max(lastFound, mark.counter());
            }
        }
        int foreign = marks.size() - own;
        if (own == 0) {
            return new RecordingCheck(0, 0, 0, 0, 0, 0, foreign);
        }
        int last = Math.max(lastSent, lastFound);
        BitSet seen = new BitSet(last - first + 1);
        int reordered = 0;
        int previous = -1;
        for (FrameMark.Mark mark : marks) {
            if (mark.call() != call) {
                continue;
            }
            seen.set(mark.counter() - first);
            if (mark.counter() < previous) {
                reordered++;
            }
            previous = mark.counter();
        }
        int expected = last - first + 1;
        int found = seen.cardinality();
        return new RecordingCheck(expected, found, expected - found, last - lastFound, own - found, reordered,
                foreign);
    }

    /** The call number most marks carry, or -1 when there are none. */
    public static int callOf(List<FrameMark.Mark> marks) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (FrameMark.Mark mark : marks) {
            counts.merge(mark.call(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    }

    /** The sum of two checks (totals over a run). */
    public RecordingCheck plus(RecordingCheck other) {
        return new RecordingCheck(expected + other.expected, found + other.found, lost + other.lost,
                lostAtEnd + other.lostAtEnd, duplicated + other.duplicated, reordered + other.reordered,
                foreign + other.foreign);
    }
}
