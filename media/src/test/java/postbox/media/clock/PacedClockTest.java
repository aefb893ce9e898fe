package postbox.media.clock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import postbox.media.metric.Counter;

class PacedClockTest {

    @ParameterizedTest
    @CsvSource({"-5000, LATENESS_UP_TO_100_MICROS", "100000, LATENESS_UP_TO_100_MICROS",
        "100001, LATENESS_UP_TO_500_MICROS", "999999, LATENESS_UP_TO_1_MILLI", "2000000, LATENESS_UP_TO_2_MILLIS",
        "4500000, LATENESS_UP_TO_5_MILLIS", "10000000, LATENESS_UP_TO_10_MILLIS",
        "19999999, LATENESS_UP_TO_20_MILLIS", "20000001, LATENESS_OVER_20_MILLIS"})
    void putsEachTickInItsLatenessBucket(long lateNanos, Counter bucket) {
        assertThat(PacedClock.latenessBucket(lateNanos)).isEqualTo(bucket);
    }
}
