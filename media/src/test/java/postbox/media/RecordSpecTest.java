package postbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RecordSpecTest {

    @Test
    void treatsMissingTerminatorsAsNone() {
        assertThat(new RecordSpec(Duration.ofSeconds(1), null, null, -42).terminators()).isEmpty();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RecordSpec(Duration.ZERO, null, "#", -42)).hasMessageContaining("maximum");
        assertThatThrownBy(() -> new RecordSpec(Duration.ofSeconds(1), Duration.ofSeconds(-1), "#", -42))
                .hasMessageContaining("silence timeout");
        assertThatThrownBy(() -> new RecordSpec(Duration.ofSeconds(1), null, "#", 6))
                .hasMessageContaining("threshold");
    }
}
