package postbox.bench.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import postbox.bench.stats.Percentiles;

class ArrivalStatsTest {
    private static final long MS = 1_000_000;

    @Test
    void perfectPacingDeviatesNothing() {
        ArrivalStats stats = new ArrivalStats(100);
        for (int i = 0; i < 100; i++) {
            stats.arrive(i * 20 * MS, 65500 + i & 0xFFFF, true); // wraps through 65535
        }

        assertThat(stats.deviations()).isEqualTo(new Percentiles(99, 0, 0, 0));
        assertThat(stats.windowLost()).isZero();
        assertThat(stats.gaps()).isZero();
        assertThat(stats.windowReceived()).isEqualTo(99);
        assertThat(stats.received()).isEqualTo(100);
    }

    @Test
    void recordedArrivalPatternGivesItsDeviationsGapsAndLoss() throws IOException {
        // times (ms) and sequence numbers of a stream that bunches, stalls 45 ms and skips one packet
        ArrivalStats stats = new ArrivalStats(16);
        for (String line : lines("/arrivals/bunched-stall-loss.txt")) {
            String[] fields = line.trim().split(" +");
            stats.arrive(Math.round(Double.parseDouble(fields[0]) * MS), Integer.parseInt(fields[1]), true);
        }

        // intervals: 20, 21.5, 18.5, 20, 45 (a gap), 15, 20 (seq +2: lost, no deviation), 20
        assertThat(stats.gaps()).isEqualTo(1);
        assertThat(stats.windowLost()).isEqualTo(1);
        assertThat(stats.deviations().count()).isEqualTo(7);
        assertThat(stats.deviations().max()).isEqualTo(25_000);
        assertThat(stats.deviations().p50()).isEqualTo(1_500);
    }

    @Test
    void onlyArrivalsInsideTheWindowCount() {
        ArrivalStats stats = new ArrivalStats(10);
        stats.arrive(0, 1, false);
        stats.arrive(80 * MS, 2, false); // a gap before the window: not counted
        stats.arrive(100 * MS, 3, true);
        stats.arrive(200 * MS, 5, true);
        stats.arrive(300 * MS, 6, false);

        assertThat(stats.gaps()).isEqualTo(1);
        assertThat(stats.windowLost()).isEqualTo(1);
        assertThat(stats.deviations().count()).isEqualTo(1);
        assertThat(stats.deviations().max()).isZero();
    }

    @Test
    void aLateOrRepeatedPacketIsOutOfOrderAndMovesNothing() {
        ArrivalStats stats = new ArrivalStats(10);
        stats.arrive(0, 10, true);
        stats.arrive(20 * MS, 11, true);
        stats.arrive(21 * MS, 11, true);
        stats.arrive(22 * MS, 9, true);
        stats.arrive(40 * MS, 12, true);

        assertThat(stats.outOfOrder()).isEqualTo(2);
        assertThat(stats.deviations().max()).isZero();
    }

    @Test
    void windowOpensAndCloses() {
        MeasureWindow window = new MeasureWindow();
        assertThat(window.contains(5)).isFalse();
        window.open(10);
        assertThat(window.contains(5)).isFalse();
        assertThat(window.contains(10)).isTrue();
        assertThat(window.seconds()).isZero();
        window.close(2_000_000_010L);
        assertThat(window.contains(2_000_000_009L)).isTrue();
        assertThat(window.contains(2_000_000_010L)).isFalse();
        assertThat(window.seconds()).isEqualTo(2.0);
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = ArrivalStatsTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
