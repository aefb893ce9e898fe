package postbox.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void userAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String line = "4242 (my (odd) java) S 1 4242 4242 0 -1 4194560 52133 0 12 0 1234 567 0 0 20 0 41 0 "
                + "1000 9000000000 120000 18446744073709551615 1 1 0 0 0 0 0 16781312 17664 0 0 0 17 1 0 0 0 0 0";

        ProcStat.CpuTicks ticks = ProcStat.parse(line);

        assertThat(ticks).isEqualTo(new ProcStat.CpuTicks(1234, 567));
        assertThat(ticks.seconds()).isEqualTo(18.01);
        assertThat(ticks.secondsSince(new ProcStat.CpuTicks(1000, 500))).isCloseTo(3.01, offset(1e-9));
    }

    @Test
    void thisProcessHasSpentSomeCpu() throws IOException {
        assertThat(ProcStat.read(ProcessHandle.current().pid()).seconds()).isPositive();
    }

    @Test
    void notAStatLine() {
        assertThatThrownBy(() -> ProcStat.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("1 (x) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }
}
