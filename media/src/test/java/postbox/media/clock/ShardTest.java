package postbox.media.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;
import postbox.media.metric.Counter;

class ShardTest {
    private final Shard shard = new Shard();
    private final ManualClock clock = new ManualClock(shard);

    @Test
    void membersJoinAtTheNextTickAndLeaveWhenTheyFinish() {
        Member a = new Member("a", 3);
        shard.add(a);
        assertThat(shard.load()).isEqualTo(1);
        assertThat(a.ticks).isEmpty();
        clock.advance(1);
        Member b = new Member("b", 100);
        shard.add(b);
        clock.advance(4);
        assertThat(a.ticks).as("its third tick returned false").containsExactly(20_000_000L, 40_000_000L,
                60_000_000L);
        assertThat(b.ticks).hasSize(4).startsWith(40_000_000L);
        assertThat(shard.load()).isEqualTo(1);
        assertThat(shard.counters().get(Counter.TICKS)).isEqualTo(5);
    }

    @Test
    void releasesAMemberWhoseTickThrowsAndCarriesOn() {
        Member broken = new Member("broken", 100);
        broken.failAt = 2;
        Member healthy = new Member("healthy", 100);
        shard.add(broken);
        shard.add(healthy);
        clock.advance(5);
        assertThat(broken.aborted).isInstanceOf(IllegalStateException.class);
        assertThat(broken.ticks).hasSize(2);
        assertThat(healthy.ticks).hasSize(5);
        assertThat(shard.load()).isEqualTo(1);
        assertThat(shard.counters().get(Counter.LEG_FAILURES)).isEqualTo(1);
    }

    @Test
    void shutdownClosesEveryMemberAndTicksThemToTheEnd() {
        Member ticking = new Member("ticking", 100);
        Member joining = new Member("joining", 100);
        shard.add(ticking);
        clock.advance(1);
        shard.add(joining);
        shard.shutdown(clock.nowNanos());
        assertThat(ticking.closed).isTrue();
        assertThat(joining.closed).isTrue();
        assertThat(shard.load()).isZero();
    }

    @Test
    void manualClockTicksTwentyMillisecondsApart() {
        Member member = new Member("m", 100);
        shard.add(member);
        clock.advance(3);
        clock.advance(0);
        assertThat(member.ticks).containsExactly(Frames.NANOS, 2 * Frames.NANOS, 3 * Frames.NANOS);
        assertThat(clock.ticks()).isEqualTo(3);
        assertThat(clock.elapsed().toMillis()).isEqualTo(60);
    }

    /** Finishes after {@code life} ticks, or at the tick after {@link #close}. */
    private static final class Member implements Tickable {
        final String name;
        final int life;
        final List<Long> ticks = new ArrayList<>();
        int failAt = -1;
        boolean closed;
        RuntimeException aborted;

        Member(String name, int life) {
            this.name = name;
            this.life = life;
        }

        @Override
        public boolean tick(long tickNanos) {
            ticks.add(tickNanos);
            if (ticks.size() == failAt) {
                throw new IllegalStateException(name + " broke");
            }
            return !closed && ticks.size() < life;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void abort(RuntimeException cause) {
            aborted = cause;
        }
    }
}
