package postbox.media.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void addsAndKeepsMaxima() {
        Counters counters = new Counters();
        counters.increment(Counter.PACKETS_IN);
        counters.add(Counter.PACKETS_IN, 41);
        counters.max(Counter.MAX_TICK_LATENESS_MICROS, 300);
        counters.max(Counter.MAX_TICK_LATENESS_MICROS, 200);
        assertThat(counters.get(Counter.PACKETS_IN)).isEqualTo(42);
        assertThat(counters.get(Counter.MAX_TICK_LATENESS_MICROS)).isEqualTo(300);
        assertThat(counters.get(Counter.PACKETS_OUT)).isZero();
    }
}
