package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkTest {

    @Test
    void everyNameIsPrefixedByTheNetwork() {
        Network network = new Network(Network.DEFAULT_NAME);

        assertThat(network.configBucket()).isEqualTo("postbox-config");
        assertThat(network.greetingsBucket()).isEqualTo("postbox-greetings");
        assertThat(network.handoverBucket()).isEqualTo("postbox-handover");
        assertThat(network.heartbeatSubject("node-1")).isEqualTo("postbox.heartbeat.node-1");
        assertThat(network.heartbeatWildcard()).isEqualTo("postbox.heartbeat.*");
        assertThat(new Network("site_B").configBucket()).isEqualTo("site_B-config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "post box", "post.box", "a*", "a>", "ü", "123456789012345678901234567890123"})
    void namesThatBreakBucketsOrSubjectsAreRefused(String bad) {
        assertThatThrownBy(() -> new Network(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network name");
        assertThatThrownBy(() -> new Network("postbox").heartbeatSubject(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node name");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> new Network(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Network.checkNode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
