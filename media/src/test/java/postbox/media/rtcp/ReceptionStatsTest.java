package postbox.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** RFC 3550 appendix A arithmetic: extended sequence numbers, loss, fraction lost, jitter, LSR/DLSR. */
class ReceptionStatsTest {

    @Test
    void countsLossAcrossTheSequenceWrap() {
        ReceptionStats stats = new ReceptionStats();
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                stats.onPacket(7, (65500 + i) & 0xFFFF, 160L * i, 160L * i);
            }
        }
        assertThat(stats.expected()).isEqualTo(100);
        assertThat(stats.received()).isEqualTo(90);
        assertThat(stats.lost()).isEqualTo(10);
        assertThat(stats.extendedHighestSequence()).isEqualTo(65536 + (65500 + 99 - 65536));
        assertThat(stats.takeFractionLost()).as("10 of 100 in 1/256").isEqualTo(25);
        assertThat(stats.takeFractionLost()).as("nothing since").isZero();
    }

    @Test
    void computesInterarrivalJitterInTimestampUnits() {
        ReceptionStats stats = new ReceptionStats();
        double expected = 0;
        long previousTransit = 0;
        for (int i = 0; i < 50; i++) {
            long timestamp = 160L * i;
            long arrival = timestamp + (i % 3 == 0 ? 80 : 0) + 1000;
            stats.onPacket(1, i, timestamp, arrival);
            long transit = arrival - timestamp;
            if (i > 0) {
                expected += (Math.abs(transit - previousTransit) - expected) / 16;
            }
            previousTransit = transit;
        }
        assertThat(stats.jitter()).isCloseTo(expected, within(1e-9)).isGreaterThan(10);
    }

    @Test
    void restartsForANewSourceAndConfirmedJumps() {
        ReceptionStats stats = new ReceptionStats();
        stats.onPacket(1, 100, 0, 0);
        stats.onPacket(1, 101, 160, 160);
        stats.onPacket(2, 5000, 0, 0);
        assertThat(stats.ssrc()).isEqualTo(2);
        assertThat(stats.received()).isOne();
        stats.onPacket(2, 30000, 160, 160);
        assertThat(stats.received()).as("a jump waits for confirmation").isOne();
        stats.onPacket(2, 30001, 320, 320);
        assertThat(stats.received()).isOne();
        assertThat(stats.extendedHighestSequence()).isEqualTo(30001);
    }

    @Test
    void reportsLastSenderReportAndTheDelaySince() {
        ReceptionStats stats = new ReceptionStats();
        assertThat(stats.lastSenderReport()).isZero();
        assertThat(stats.delaySinceLastSenderReport(123)).isZero();
        long ntp = 0x1234_5678_9ABC_DEF0L;
        stats.onSenderReport(ntp, 1_000_000_000L);
        assertThat(stats.lastSenderReport()).isEqualTo(0x5678_9ABCL);
        assertThat(stats.delaySinceLastSenderReport(1_500_000_000L)).isEqualTo(32768);
    }
}
