package postbox.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void heapIsTheSumOfTheHeapPoolsOnly() throws IOException {
        String metrics = resource("/metrics/postbox-metrics.txt");

        double heap = PrometheusText.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\"");

        assertThat(heap).isEqualTo(1.30023424E8 + 1194680.0 + 3910192.0);
    }

    @Test
    void aMetricWithoutLabelsAndOneThatIsAbsent() throws IOException {
        String metrics = resource("/metrics/postbox-metrics.txt");

        assertThat(PrometheusText.sum(metrics, "postbox_media_packets_in_total", "")).isEqualTo(123456.0);
        assertThat(PrometheusText.sum(metrics, "postbox_media_packets", "")).isNaN();
        assertThat(PrometheusText.sum(metrics, "jvm_memory_used_bytes", "area=\"disk\"")).isNaN();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PrometheusTextTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
