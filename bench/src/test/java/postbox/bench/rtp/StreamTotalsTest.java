package postbox.bench.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import postbox.bench.stats.Percentiles;

class StreamTotalsTest {
    private static final long MS = 1_000_000;

    @Test
    void deviationsArePooledAndEachStreamKeepsItsOwnNinetyNinthPercentile() {
        ArrivalStats steady = stream(20, 20, 20, 20);    // deviations 0, 0, 0, 0
        ArrivalStats jittery = stream(23, 17, 20, 45);  // 3, 3, 0, 25 (a gap)
        ArrivalStats silent = new ArrivalStats(4);

        StreamTotals totals = StreamTotals.of(List.of(steady, jittery, silent), 2);

        assertThat(totals.deviationMicros()).isEqualTo(new Percentiles(8, 0, 25_000, 25_000));
        assertThat(totals.streamP99Micros()).isEqualTo(new Percentiles(2, 0, 25_000, 25_000));
        assertThat(totals.gaps()).isEqualTo(1);
        assertThat(totals.received()).isEqualTo(8);
        assertThat(totals.lost()).isZero();
        assertThat(totals.sendFailures()).isEqualTo(2);
        assertThat(totals.stalledCount()).isZero();
    }

    @Test
    void streamsSilentForOverASecondAreNamed() {
        ArrivalStats stalled = stream(20, 1500, 20);

        StreamTotals totals = StreamTotals.of(List.of(stream(20, 20), stalled, stream(20, 1001)), 0);

        assertThat(totals.stalled()).containsExactly(1, 2);
        assertThat(totals.stalledCount()).isEqualTo(2);
        assertThat(stalled.longestGapNanos()).isEqualTo(1500 * MS);
    }

    /** A stream whose packets come {@code intervals} ms apart (first one at 0), all in the window. */
    private static ArrivalStats stream(int... intervals) {
        ArrivalStats stats = new ArrivalStats(intervals.length);
        long at = 0;
        stats.arrive(at, 0, true);
        for (int i = 0; i < intervals.length; i++) {
            at += intervals[i] * MS;
            stats.arrive(at, i + 1, true);
        }
        return stats;
    }
}
