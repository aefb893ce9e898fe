package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import postbox.store.SettableClock;

class HeartbeatFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:15:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final SettableClock clock = new SettableClock(NOW);
    private final HeartbeatFilter filter = new HeartbeatFilter("alpha", INTERVAL, clock);

    private static Heartbeat from(String node, Instant sentAt) {
        return new Heartbeat(node, "backup", "standby", 0, 0, sentAt);
    }

    @Test
    void freshHeartbeatsOfOtherNodesPass() {
        assertThat(filter.accepts(from("beta", NOW))).isTrue();
        assertThat(filter.accepts(from("beta", NOW.minus(INTERVAL.multipliedBy(2))))).isTrue();
    }

    @Test
    void ownHeartbeatsAreIgnored() {
        assertThat(filter.accepts(from("alpha", NOW))).isFalse();
    }

    @Test
    void heartbeatsOlderThanTwoIntervalsAreDropped() {
        Heartbeat heartbeat = from("beta", NOW);
        clock.advance(INTERVAL.multipliedBy(2).plusMillis(1));

        assertThat(filter.accepts(heartbeat)).isFalse();
    }

    @Test
    void heartbeatsFromFarInTheFutureOrWithoutTimeAreDropped() {
        assertThat(filter.accepts(from("beta", NOW.plus(INTERVAL.multipliedBy(3))))).isFalse();
        assertThat(filter.accepts(from("beta", null))).isFalse();
        assertThat(filter.accepts(from(null, NOW))).isFalse();
    }
}
