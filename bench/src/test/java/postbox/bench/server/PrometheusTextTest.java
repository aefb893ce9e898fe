package postbox.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samplesWithLabelsSpacesInLabelValuesAndNone() throws IOException {
        String metrics = metrics();

        assertThat(PrometheusText.samples(metrics, "jvm_memory_used_bytes")).hasSize(8)
                .first().isEqualTo(new PrometheusText.Sample("area=\"heap\",id=\"G1 Eden Space\"", 1.30023424E8));
        assertThat(PrometheusText.samples(metrics, "postbox_media_packets_in_total"))
                .containsExactly(new PrometheusText.Sample("", 123456.0));
        assertThat(PrometheusText.samples(metrics, "postbox_media_packets")).isEmpty();
    }

    @Test
    void sumOfTheSamplesALabelPicks() throws IOException {
        String metrics = metrics();

        assertThat(PrometheusText.sum(metrics, "jvm_memory_used_bytes", s -> s.has("area=\"heap\"")))
                .isEqualTo(1.30023424E8 + 1194680.0 + 3910192.0);
        assertThat(PrometheusText.sum(metrics, "jvm_memory_used_bytes", s -> s.has("area=\"disk\""))).isNaN();
    }

    @Test
    void liveHeapAfterAFullGcIsTheOldGeneration() throws IOException {
        HeapUse heap = HeapUse.of(metrics());

        assertThat(heap.totalBytes()).isEqualTo(1.30023424E8 + 1194680.0 + 3910192.0);
        assertThat(heap.liveBytes()).isEqualTo(1194680.0);
    }

    @Test
    void aCollectorWithoutAnOldGenerationIsTakenWhole() {
        String zgc = "jvm_memory_used_bytes{area=\"heap\",id=\"ZHeap\"} 5000000.0\n"
                + "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 7.0\n";

        assertThat(HeapUse.of(zgc).liveBytes()).isEqualTo(5000000.0);
        assertThat(HeapUse.of("jvm_memory_used_bytes{area=\"heap\",id=\"Tenured Gen\"} 4.0\n"
                + "jvm_memory_used_bytes{area=\"heap\",id=\"Eden Space\"} 9.0\n").liveBytes()).isEqualTo(4.0);
    }

    static String metrics() throws IOException {
        try (InputStream in = PrometheusTextTest.class.getResourceAsStream("/metrics/postbox-metrics.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
