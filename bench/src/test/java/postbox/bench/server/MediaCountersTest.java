package postbox.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MediaCountersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readFromTheStatusDocumentAndDifferenced() throws IOException {
        MediaCounters before;
        try (InputStream in = MediaCountersTest.class.getResourceAsStream("/status/api-status.json")) {
            before = MediaCounters.of(JSON.readTree(in));
        }
        MediaCounters after = new MediaCounters(before.packetsIn() + 5000, before.packetsOut() + 4900,
                before.lateTicks() + 3, before.rebases(), before.framesLost() + 1, before.latePackets(),
                before.recordOverruns(), before.sendFailures(), 100);

        assertThat(before).isEqualTo(new MediaCounters(1000, 990, 16, 0, 2, 0, 0, 0, 10));
        assertThat(after.since(before)).isEqualTo(new MediaCounters(5000, 4900, 3, 0, 1, 0, 0, 0, 100));
        assertThat(after.since(before).packets()).isEqualTo(9900);
    }

    @Test
    void aStatusWithoutMediaIsRefused() {
        assertThatThrownBy(() -> MediaCounters.of(JSON.readTree("{\"node\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
