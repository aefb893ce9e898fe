package postbox.media.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import postbox.media.Frames;
import postbox.media.MediaConfig;
import postbox.media.MediaEngine;
import postbox.media.MediaLeg;
import postbox.media.MediaStats;
import postbox.media.metric.Counter;
import postbox.media.source.PcmClip;
import postbox.media.testing.RtpPeer;

/**
 * The paced clock on real time. Timing is not asserted tightly here (pacing precision is measured by the native
 * tests and benchmarks); the measured send-interval deviation is logged.
 */
class PacedClockIT {
    private static final Logger log = LoggerFactory.getLogger(PacedClockIT.class);

    @Test
    void aLegKeepsSendingInOrderInRealTime() throws Exception {
        int frames = 100;
        short[] clip = new short[(frames + 50) * Frames.SAMPLES];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = (short) ((i % 2 == 0 ? 1 : -1) * (500 + i % 20000));
        }
        MediaConfig config = MediaConfig.defaults(InetAddress.getLoopbackAddress()).withClocks(1);
        try (MediaEngine engine = MediaEngine.start(config); RtpPeer peer = RtpPeer.open()) {
            MediaLeg leg = engine.openLeg("call-paced");
            peer.sendTo(leg.localAddress());
            leg.play(new PcmClip(clip), false);
            leg.connect(peer.media());
            List<RtpPeer.Packet> packets = peer.awaitPackets(frames, Duration.ofSeconds(20)).subList(0, frames);

            RtpPeer.Packet first = packets.getFirst();
            for (int i = 1; i < frames; i++) {
                assertThat(packets.get(i).sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
                assertThat(packets.get(i).timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xFFFFFFFFL);
            }
            short[] heard = new short[frames * Frames.SAMPLES];
            for (int i = 0; i < frames; i++) {
                System.arraycopy(packets.get(i).audio(), 0, heard, i * Frames.SAMPLES, Frames.SAMPLES);
            }
            int offset = Math.toIntExact(indexOf(heard, peer.codecRoundTrip(Arrays.copyOf(clip, Frames.SAMPLES))));
            assertThat(offset).as("the clip starts within the first packets").isBetween(0, 3 * Frames.SAMPLES);
            assertThat(Arrays.copyOfRange(heard, offset, heard.length))
                    .containsExactly(peer.codecRoundTrip(Arrays.copyOf(clip, heard.length - offset)));

            logIntervals(packets);
            MediaStats stats = engine.stats();
            log.info("Paced clock stats after {} packets: {}", frames, stats);
            assertThat(stats.ticks()).isGreaterThanOrEqualTo(frames);
            assertThat(stats.packetsOut()).isGreaterThanOrEqualTo(frames);
            assertThat(stats.tickLateness()).hasSize(MediaStats.TICK_LATENESS_BOUNDS_MICROS.size() + 1);
            assertThat(stats.tickLateness().stream().mapToLong(Long::longValue).sum())
                    .as("every tick of the paced clock counted once in the lateness histogram")
                    .isBetween(stats.ticks() - 1, stats.ticks() + 1);
        }
    }

    @Test
    void theEnginesClocksTickAnEqualShareOfThePeriodApart() throws Exception {
        MediaConfig config = MediaConfig.defaults(InetAddress.getLoopbackAddress()).withClocks(2);
        try (MediaEngine engine = MediaEngine.start(config); RtpPeer first = RtpPeer.open();
             RtpPeer second = RtpPeer.open()) {
            List<List<RtpPeer.Packet>> streams = new ArrayList<>();
            for (RtpPeer peer : List.of(first, second)) {
                MediaLeg leg = engine.openLeg("call-" + streams.size());   // the least loaded shard: one each
                peer.sendTo(leg.localAddress());
                leg.connect(peer.media());
                streams.add(peer.awaitPackets(60, Duration.ofSeconds(20)));
            }
            // the phase of each of the second stream's packets after the first stream's (no wrap-around near 10 ms)
            long[] apartMicros = new long[50];
            for (int i = 0; i < apartMicros.length; i++) {
                long between = streams.get(1).get(10 + i).arrivalNanos() - streams.get(0).get(10 + i).arrivalNanos();
                apartMicros[i] = Math.floorMod(between, Frames.NANOS) / 1000;
            }
            Arrays.sort(apartMicros);
            long apart = apartMicros[apartMicros.length / 2];
            log.info("Two clocks: their packets arrive {} µs apart in the 20 ms period", apart);
            assertThat(Math.min(apart, Frames.NANOS / 1000 - apart)).as("half a period apart, µs")
                    .isBetween(8_000L, 10_000L);
        }
    }

    @Test
    void reBasesAfterALongStallInsteadOfBursting() throws Exception {
        Shard shard = new Shard();
        Recorder recorder = new Recorder(10, Duration.ofMillis(250), 30);
        shard.add(recorder);
        PacedClock clock = PacedClock.start("test-clock-stall", shard, Duration.ofMillis(1));
        try {
            assertThat(recorder.done.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            clock.close();
        }
        log.info("Ticks after a 250 ms stall, wall-clock gaps in µs: {}", recorder.wallGapsMicros());
        assertThat(shard.counters().get(Counter.REBASES)).isPositive();
        long jump = recorder.deadlines[recorder.stallAt + 1] - recorder.deadlines[recorder.stallAt];
        assertThat(jump).as("the next deadline is set from now, not 20 ms after the missed one")
                .isGreaterThan(200_000_000L);
        for (int i = recorder.stallAt + 2; i < recorder.deadlines.length; i++) {
            assertThat(recorder.deadlines[i] - recorder.deadlines[i - 1]).isEqualTo(Frames.NANOS);
        }
    }

    @Test
    void catchesUpAfterAShortStall() throws Exception {
        Shard shard = new Shard();
        Recorder recorder = new Recorder(10, Duration.ofMillis(60), 30);
        shard.add(recorder);
        PacedClock clock = PacedClock.start("test-clock-catch-up", shard, Duration.ofMillis(1));
        try {
            assertThat(recorder.done.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            clock.close();
        }
        log.info("Ticks after a 60 ms stall, wall-clock gaps in µs: {}", recorder.wallGapsMicros());
        assertThat(shard.counters().get(Counter.REBASES)).isZero();
        assertThat(shard.counters().get(Counter.LATE_TICKS)).isPositive();
        assertThat(shard.counters().get(Counter.MAX_TICK_LATENESS_MICROS)).isGreaterThan(20_000);
        for (int i = 1; i < recorder.deadlines.length; i++) {
            assertThat(recorder.deadlines[i] - recorder.deadlines[i - 1]).as("absolute deadlines, 20 ms apart")
                    .isEqualTo(Frames.NANOS);
        }
    }

    private static long indexOf(short[] haystack, short[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static void logIntervals(List<RtpPeer.Packet> packets) {
        long[] deviations = new long[packets.size() - 1];
        for (int i = 1; i < packets.size(); i++) {
            long interval = packets.get(i).arrivalNanos() - packets.get(i - 1).arrivalNanos();
            deviations[i - 1] = Math.abs(interval - Frames.NANOS);
        }
        Arrays.sort(deviations);
        log.info("Send interval deviation from 20 ms over {} packets: p50 {} µs, p99 {} µs, max {} µs",
                deviations.length, deviations[deviations.length / 2] / 1000,
                deviations[(int) (deviations.length * 0.99)] / 1000, deviations[deviations.length - 1] / 1000);
    }

    /** Records when and with which deadline it is ticked; stalls the clock once, at tick {@code stallAt}. */
    private static final class Recorder implements Tickable {
        final int stallAt;
        final long stallNanos;
        final long[] deadlines;
        final long[] wallTimes;
        final CountDownLatch done = new CountDownLatch(1);
        private int count;

        Recorder(int stallAt, Duration stall, int ticks) {
            this.stallAt = stallAt;
            this.stallNanos = stall.toNanos();
            this.deadlines = new long[ticks];
            this.wallTimes = new long[ticks];
        }

        @Override
        public boolean tick(long tickNanos) {
            deadlines[count] = tickNanos;
            wallTimes[count] = System.nanoTime();
            if (count == stallAt) {
                long until = System.nanoTime() + stallNanos;
                while (System.nanoTime() < until) {
                    LockSupport.parkNanos(until - System.nanoTime());
                }
            }
            count++;
            if (count == deadlines.length) {
                done.countDown();
                return false;
            }
            return true;
        }

        List<Long> wallGapsMicros() {
            List<Long> gaps = new ArrayList<>();
            for (int i = stallAt + 1; i < wallTimes.length; i++) {
                gaps.add((wallTimes[i] - wallTimes[i - 1]) / 1000);
            }
            return gaps;
        }

        @Override
        public void close() {
        }

        @Override
        public void abort(RuntimeException cause) {
            throw cause;
        }
    }
}
