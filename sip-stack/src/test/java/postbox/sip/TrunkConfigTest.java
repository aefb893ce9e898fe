package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrunkConfigTest {

    private static final PbxAddress PRIMARY = PbxAddress.parse("127.0.0.1:5080");

    @Test
    void nullsTakeTheDefaults() {
        TrunkConfig config = new TrunkConfig(PRIMARY, null, "vmpro", "secret", null, null, null);

        assertThat(config.backup()).isEmpty();
        assertThat(config.expires()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.failback()).isEqualTo(FailbackMode.WHEN_IDLE);
        assertThat(TrunkConfig.of(PRIMARY, Optional.empty(), "vmpro", "secret")).isEqualTo(config);
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> TrunkConfig.of(PRIMARY, Optional.empty(), "", "x"))
                .hasMessageContaining("trunk user");
        assertThatThrownBy(() -> TrunkConfig.of(PRIMARY, Optional.empty(), "vm pro", "x"))
                .hasMessageContaining("trunk user");
        assertThatThrownBy(() -> TrunkConfig.of(PRIMARY, Optional.of(PRIMARY), "vmpro", "x"))
                .hasMessageContaining("backup PBX");
        assertThatThrownBy(() -> new TrunkConfig(PRIMARY, Optional.empty(), "vmpro", "x", Duration.ZERO, null, null))
                .hasMessageContaining("expires");
        assertThatThrownBy(() -> new TrunkConfig(PRIMARY, Optional.empty(), "vmpro", "x", null,
                Duration.ofMillis(10), null)).hasMessageContaining("ping interval");
    }
}
