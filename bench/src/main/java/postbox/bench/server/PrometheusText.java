package postbox.bench.server;

/**
 * Reads values out of the Prometheus text format ({@code GET /metrics}). Stateless, thread-safe.
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code metric} whose labels contain {@code label} (e.g. {@code area="heap"};
     * empty for all), or NaN when there is none.
     */
    public static double sum(String text, String metric, String label) {
        double total = 0;
        boolean any = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int close = rest.indexOf('}');
                if (close < 0) {
                    continue;
                }
                labels = rest.substring(1, close);
                rest = rest.substring(close + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric that starts with this name
            }
            if (!label.isEmpty() && !(',' + labels + ',').contains(',' + label + ',')) {
                continue;
            }
            String[] value = rest.trim().split(" +");
            total += Double.parseDouble(value[0]);
            any = true;
        }
        return any ? total : Double.NaN;
    }
}
