package postbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    private static final Path HOME = Path.of("/work/main");

    @Test
    void defaults() {
        BenchOptions options = BenchOptions.parse(List.of(), HOME);

        assertThat(options).isEqualTo(new BenchOptions(List.of(100), 50, 30, false, false, "", HOME));
    }

    @Test
    void everyOption() {
        BenchOptions options = BenchOptions.parse(List.of("--calls", "100,250,500,1000", "--rate", "100",
                "--seconds", "20", "--keep", "--server-opts", "-Xmx1g -XX:+UseZGC", "--server-home", "/tmp/base"), HOME);

        assertThat(options).isEqualTo(new BenchOptions(List.of(100, 250, 500, 1000), 100, 20, true, false,
                "-Xmx1g -XX:+UseZGC", Path.of("/tmp/base")));
    }

    @Test
    void jfrKeepsTheRunFolder() {
        BenchOptions options = BenchOptions.parse(List.of("--jfr"), HOME);

        assertThat(options.jfr()).isTrue();
        assertThat(options.keep()).isTrue();
    }

    @Test
    void defaultRunsStayWithinTwoMinutesUpToAThousandCalls() {
        BenchOptions options = BenchOptions.parse(List.of(), HOME);

        assertThat(options.estimate(1000)).isLessThanOrEqualTo(BenchOptions.BOUND);
        assertThat(options.estimate(100)).isLessThan(options.estimate(1000));
        assertThat(BenchOptions.parse(List.of("--seconds", "120"), HOME).estimate(100))
                .isGreaterThan(BenchOptions.BOUND);
    }

    @Test
    void badValuesSayWhich() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--calls", "100,x"), HOME))
                .hasMessage("--calls: expected a whole number, got 'x'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--calls", "5000"), HOME))
                .hasMessage("--calls: expected 1..4000, got 5000");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "0"), HOME))
                .hasMessage("--rate: expected 1..1000, got 0");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--seconds"), HOME)).hasMessage("--seconds needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast"), HOME)).hasMessage("unknown option '--fast'");
    }
}
