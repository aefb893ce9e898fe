package postbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class MediaConfigTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final MediaConfig defaults = MediaConfig.defaults(LOOPBACK);

    @Test
    void hasTheDocumentedDefaults() {
        assertThat(defaults.rtpPortMin()).isZero();
        assertThat(defaults.rtpPortMax()).isZero();
        assertThat(defaults.clocks()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.rtpTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.jitterDelay()).isEqualTo(Duration.ofMillis(60));
        assertThat(defaults.withRtpPorts(10000, 10099).rtpPortMax()).isEqualTo(10099);
    }

    @Test
    void namesTheWrongField() {
        assertThatThrownBy(() -> defaults.withRtpPorts(20000, 10000)).hasMessageContaining("RTP port range");
        assertThatThrownBy(() -> defaults.withRtpPorts(0, 100)).hasMessageContaining("0..0");
        assertThatThrownBy(() -> defaults.withRtpPorts(70000, 70002)).hasMessageContaining("65535");
        assertThatThrownBy(() -> defaults.withRtpPorts(10001, 10001)).hasMessageContaining("no even port");
        assertThatThrownBy(() -> defaults.withRtpPorts(10001, 10002)).hasMessageContaining("RTCP port");
        assertThatThrownBy(() -> defaults.withClocks(0)).hasMessageContaining("clocks");
        assertThatThrownBy(() -> defaults.withRtpTimeout(Duration.ZERO)).hasMessageContaining("RTP timeout");
        assertThatThrownBy(() -> defaults.withJitterDelay(Duration.ofMillis(50)))
                .hasMessageContaining("multiple of 20");
        assertThatThrownBy(() -> defaults.withJitterDelay(Duration.ofMillis(220))).hasMessageContaining("20 to 200");
        assertThatThrownBy(() -> defaults.withJitterDelay(Duration.ZERO)).hasMessageContaining("20 to 200");
        assertThatThrownBy(() -> defaults.withSpinMargin(Duration.ofMillis(-1))).hasMessageContaining("spin");
        assertThatThrownBy(() -> new MediaConfig(null, 0, 0, 1, Duration.ofSeconds(1), Duration.ZERO,
                Duration.ZERO)).hasMessageContaining("bind address");
    }

    @Test
    void acceptsASinglePortPairAndTheDelayBounds() {
        assertThat(defaults.withRtpPorts(10001, 10003).rtpPortMin()).isEqualTo(10001);
        assertThat(defaults.withJitterDelay(Duration.ofMillis(20)).jitterDelay()).isEqualTo(Duration.ofMillis(20));
        assertThat(defaults.withJitterDelay(Duration.ofMillis(200)).jitterDelay()).isEqualTo(Duration.ofMillis(200));
    }
}
