package postbox.bench.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads values out of the Prometheus text format ({@code GET /metrics}). Stateless, thread-safe.
 */
public final class PrometheusText {

    /** One sample: the text between the braces (empty without labels) and the value. */
    public record Sample(String labels, double value) {
        /** True when the labels hold {@code label} exactly (e.g. {@code area="heap"}). */
        public boolean has(String label) {
            return (',' + labels + ',').contains(',' + label + ',');
        }
    }

    private PrometheusText() {
    }

    /** Every sample of {@code metric}, in order. */
    public static List<Sample> samples(String text, String metric) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                if (close < 0) {
                    continue;
                }
                labels = rest.substring(1, close);
                rest = rest.substring(close + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            samples.add(new Sample(labels, Double.parseDouble(rest.trim().split(" +")[0])));
        }
        return samples;
    }

    /** The sum of the samples of {@code metric} whose labels pass {@code filter}, or NaN when there is none. */
    public static double sum(String text, String metric, Predicate<Sample> filter) {
        List<Sample> chosen = samples(text, metric).stream().filter(filter).toList();
        return chosen.isEmpty() ? Double.NaN : chosen.stream().mapToDouble(Sample::value).sum();
    }
}
