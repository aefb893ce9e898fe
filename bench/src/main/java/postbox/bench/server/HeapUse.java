package postbox.bench.server;

import java.util.Locale;

/**
 * The server's heap as {@code /metrics} shows it ({@code jvm_memory_used_bytes{area="heap"}}, one sample per
 * memory pool). Right after a full GC every live object is in the old generation, while the young pools are
 * counted in whole regions and start filling again at once (the scrape itself allocates), so the live heap is the
 * old generation's use; a collector without one is taken whole. Immutable.
 *
 * @param totalBytes all heap pools
 * @param oldBytes   the old generation ({@code Old}/{@code Tenured} pools), NaN when there is none
 */
public record HeapUse(double totalBytes, double oldBytes) {

    /** Reads it from the Prometheus text. */
    public static HeapUse of(String metrics) {
        double total = PrometheusText.sum(metrics, "jvm_memory_used_bytes", s -> s.has("area=\"heap\""));
        double old = PrometheusText.sum(metrics, "jvm_memory_used_bytes", s -> s.has("area=\"heap\"")
                && (s.labels().toLowerCase(Locale.ROOT).contains("old") || s.labels().contains("Tenured")));
        return new HeapUse(total, old);
    }

    /** The live heap after a full GC: the old generation, or the whole heap without one. */
    public double liveBytes() {
        return Double.isNaN(oldBytes) ? totalBytes : oldBytes;
    }
}
