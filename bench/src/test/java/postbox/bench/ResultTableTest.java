package postbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import postbox.bench.audio.RecordingCheck;
import postbox.bench.rtp.StreamTotals;
import postbox.bench.server.MediaCounters;
import postbox.bench.stats.Percentiles;

class ResultTableTest {

    @Test
    void oneAlignedRowPerRunWithUnitsInTheHeaderThenNotes() {
        RunResult small = result(100, 1_000_000, 0.0, List.of());
        RunResult big = result(1000, 10_000_000, 3.5, List.of("3 call(s): 503 Service Unavailable"));

        List<String> lines = ResultTable.lines(List.of(small, big));

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("calls", "setup p50/p99 ms", "dev p50/p99/max ms", "cpu us/pkt",
                "heap KB/call", "rec lost/expected frames", "gen late p99/max ms");
        assertThat(lines.get(1)).matches("[- ]+");
        assertThat(lines.get(2)).hasSameSizeAs(lines.get(0));
        assertThat(lines.get(3)).hasSameSizeAs(lines.get(0));
        assertThat(lines.get(2).trim()).startsWith("100 ");
        assertThat(lines.get(3).trim()).startsWith("1000 ");
        assertThat(lines.get(3)).contains(" 12.50/40.00 ", " 0.08/1.20/9.99 ", " 0.90/1.50 ", " 2/3000 ", " 5.00 ",
                " 1000/1000 ", " 0.90/2.00 ");
        assertThat(lines.get(3).trim().split(" +")).contains("4"); // heap KB/call: 3.5 rounds up
        assertThat(lines.get(4)).isEqualTo("1000 calls: 3 call(s): 503 Service Unavailable");
    }

    @Test
    void unmeasuredValuesAreDashes() {
        RunResult nothing = new RunResult(10, 50, 0, 10, Percentiles.NONE,
                new StreamTotals(Percentiles.NONE, Percentiles.NONE, 0, 0, 0, 0, List.of(), 0), RecordingCheck.NONE, 0, 0, 0,
                new MediaCounters(0, 0, 0, 0, 0, 0, 0, 0, 0), Double.NaN, Double.NaN, Percentiles.NONE, 0, List.of());

        String row = ResultTable.lines(List.of(nothing)).get(2);

        assertThat(row.trim().split(" +")).containsSequence("10", "50", "10", "-", "-", "-");
    }

    private static RunResult result(int calls, long packets, double heapKbPerCall, List<String> notes) {
        double cpu = packets * 5e-6; // 5 µs per packet
        MediaCounters server = new MediaCounters(packets / 2, packets / 2, 7, 0, 0, 0, 0, 0, calls);
        StreamTotals streams = new StreamTotals(new Percentiles(1000, 80, 1_200, 9_990),
                new Percentiles(calls, 900, 1_000, 1_500), 0, 0, packets / 2, 0, List.of(), 0);
        return new RunResult(calls, 50, calls, calls == 1000 ? 3 : 0, new Percentiles(calls, 12_500, 40_000, 60_000),
                streams, new RecordingCheck(3000, 2998, 2, 0, 0, 0, 0), calls, 100, cpu, server, 50e6,
                50e6 + heapKbPerCall * 1024 * calls, new Percentiles(5000, 60, 900, 2_000), 10, notes);
    }
}
