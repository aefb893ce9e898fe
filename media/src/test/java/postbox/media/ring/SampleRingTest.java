package postbox.media.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SampleRingTest {

    @Test
    void roundsTheCapacityUpToAPowerOfTwo() {
        assertThat(new SampleRing(1000).capacity()).isEqualTo(1024);
        assertThat(new SampleRing(1024).capacity()).isEqualTo(1024);
        assertThatThrownBy(() -> new SampleRing(0)).hasMessageContaining("capacity");
    }

    @Test
    void refusesAnOfferThatDoesNotFitWhole() {
        SampleRing ring = new SampleRing(8);
        assertThat(ring.offer(new short[] {1, 2, 3, 4, 5, 6}, 0, 6)).isTrue();
        assertThat(ring.offer(new short[] {7, 8, 9}, 0, 3)).isFalse();
        assertThat(ring.available()).isEqualTo(6);
        assertThat(ring.offer(new short[] {7, 8}, 0, 2)).isTrue();
        short[] out = new short[10];
        assertThat(ring.poll(out, 1, 10)).isEqualTo(8);
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 0);
        assertThat(ring.poll(out, 0, 10)).isZero();
    }

    @Test
    void wrapsAroundTheEndOfItsArray() {
        SampleRing ring = new SampleRing(8);
        short[] out = new short[8];
        ring.offer(new short[] {1, 2, 3, 4, 5}, 0, 5);
        ring.poll(out, 0, 5);
        assertThat(ring.offer(new short[] {10, 11, 12, 13, 14, 15, 16}, 0, 7)).isTrue();
        assertThat(ring.poll(out, 0, 3)).isEqualTo(3);
        assertThat(ring.poll(out, 3, 8)).isEqualTo(4);
        assertThat(out).containsExactly(10, 11, 12, 13, 14, 15, 16, 0);
    }

    @Test
    void handsEverySampleOverInOrderBetweenTwoThreads() throws Exception {
        SampleRing ring = new SampleRing(256);
        int total = 2_000_000;
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            Random random = new Random(42);
            short[] chunk = new short[200];
            int next = 0;
            while (next < total) {
                int count = Math.min(1 + random.nextInt(chunk.length), total - next);
                for (int i = 0; i < count; i++) {
                    chunk[i] = (short) (next + i);
                }
                while (!ring.offer(chunk, 0, count)) {
                    Thread.onSpinWait();
                }
                next += count;
            }
        });
        short[] chunk = new short[173];
        int received = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received < total && System.nanoTime() < deadline) {
            int count = ring.poll(chunk, 0, chunk.length);
            for (int i = 0; i < count; i++) {
                assertThat(chunk[i]).as("sample %d", received).isEqualTo((short) received);
                received++;
            }
        }
        producer.get(10, TimeUnit.SECONDS);
        assertThat(received).isEqualTo(total);
    }
}
