package postbox.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import postbox.bench.stats.Percentiles;

/**
 * The benchmark's one table: a row per run, right-aligned columns with the units in the header, then the runs'
 * notes. Stateless, thread-safe.
 */
public final class ResultTable {
    private record Column(String header, Function<RunResult, String> cell) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("calls", r -> String.valueOf(r.calls())),
            new Column("rate/s", r -> String.valueOf(r.rate())),
            new Column("failed", r -> String.valueOf(r.failed())),
            new Column("setup p50/p99 ms", r -> millis(r.setupMicros(), false)),
            new Column("dev p50/p99/max ms", r -> millis(r.streams().deviationMicros(), true)),
            new Column("stream p99 med/worst ms", r -> r.streams().streamP99Micros().any()
                    ? ms(r.streams().streamP99Micros().p50()) + "/" + ms(r.streams().streamP99Micros().max()) : "-"),
            new Column("gaps>40ms", r -> String.valueOf(r.streams().gaps())),
            new Column("rtp lost", r -> r.streams().lost() + "/" + r.streams().received()),
            new Column("rec lost/expected frames", r -> r.recordings().lost() + "/" + r.recordings().expected()),
            new Column("msgs", r -> r.messagesFound() + "/" + r.answered()),
            new Column("cpu us/pkt", r -> fixed(r.cpuMicrosPerPacket(), 2)),
            new Column("srv cpu %", r -> fixed(r.serverCpuPercent(), 0)),
            new Column("kpkt/s", r -> fixed(r.packetsPerSecond() / 1000, 1)),
            new Column("heap KB/call", r -> fixed(r.heapKbPerCall(), 0)),
            new Column("srv late ticks", r -> String.valueOf(r.server().lateTicks())),
            new Column("gen late p99/max ms", r -> r.generatorLateness().any()
                    ? ms(r.generatorLateness().p99()) + "/" + ms(r.generatorLateness().max()) : "-"),
            new Column("gen cpu %", r -> fixed(r.generatorCpuPercent(), 0)));

    private ResultTable() {
    }

    /** The table's lines: header, rule, one row per result, then each result's notes. */
    public static List<String> lines(List<RunResult> results) {
        int[] widths = new int[COLUMNS.size()];
        List<String[]> rows = new ArrayList<>();
        String[] header = COLUMNS.stream().map(Column::header).toArray(String[]::new);
        rows.add(header);
        for (RunResult result : results) {
            rows.add(COLUMNS.stream().map(c -> c.cell().apply(result)).toArray(String[]::new));
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        lines.add(rule.toString());
        for (String[] row : rows.subList(1, rows.size())) {
            lines.add(line(row, widths));
        }
        for (RunResult result : results) {
            for (String note : result.notes()) {
                lines.add(result.calls() + " calls: " + note);
            }
        }
        return lines;
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : "  ").append(" ".repeat(widths[i] - cells[i].length())).append(cells[i]);
        }
        return line.toString();
    }

    /** p50/p99 (and max) of µs samples, in ms; "-" without samples. */
    static String millis(Percentiles micros, boolean withMax) {
        if (!micros.any()) {
            return "-";
        }
        return ms(micros.p50()) + "/" + ms(micros.p99()) + (withMax ? "/" + ms(micros.max()) : "");
    }

    /** µs as ms with two decimals. */
    static String ms(int micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
