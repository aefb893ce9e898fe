package postbox.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        int[] values = IntStream.rangeClosed(1, 100).toArray();
        shuffle(values, new Random(7));

        Percentiles p = Percentiles.of(values, values.length);

        assertThat(p).isEqualTo(new Percentiles(100, 50, 99, 100));
    }

    @Test
    void ninetyNinthPercentileOfAThousandSeesTheTenWorst() {
        int[] values = new int[1000];
        for (int i = 0; i < 10; i++) {
            values[i] = 5000 + i; // ten slow ones: p99 is the 990th value, still fast
        }
        shuffle(values, new Random(3));

        Percentiles p = Percentiles.of(values, values.length);

        assertThat(p.p50()).isZero();
        assertThat(p.p99()).isZero();
        assertThat(p.max()).isEqualTo(5009);
    }

    @Test
    void elevenSlowOfAThousandReachTheNinetyNinthPercentile() {
        int[] values = new int[1000];
        for (int i = 0; i < 11; i++) {
            values[i] = 7000;
        }

        assertThat(Percentiles.of(values, values.length).p99()).isEqualTo(7000);
    }

    @Test
    void onlyTheCountedPrefixIsUsedAndTheArrayIsLeftAlone() {
        int[] values = {9, 1, 5, 1000};

        Percentiles p = Percentiles.of(values, 3);

        assertThat(p).isEqualTo(new Percentiles(3, 5, 9, 9));
        assertThat(values).containsExactly(9, 1, 5, 1000);
    }

    @Test
    void noSamplesIsNone() {
        assertThat(Percentiles.of(new int[4], 0)).isEqualTo(Percentiles.NONE);
        assertThat(Percentiles.NONE.any()).isFalse();
        assertThatThrownBy(() -> Percentiles.of(new int[2], 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seriesGrowsBeyondItsSizeAndAppendsAnother() {
        IntSeries a = new IntSeries(2);
        for (int i = 1; i <= 5; i++) {
            a.add(i);
        }
        IntSeries b = new IntSeries(1);
        b.add(100);

        a.addAll(b);

        assertThat(a.size()).isEqualTo(6);
        assertThat(a.percentiles()).isEqualTo(new Percentiles(6, 3, 100, 100));
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
