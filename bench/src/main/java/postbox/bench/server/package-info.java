/**
 * The server under test, seen from outside: its process started with {@code bin/postbox serve}
 * ({@link postbox.bench.server.ServerProcess}), its admin API ({@link postbox.bench.server.AdminClient}) and media
 * counters ({@link postbox.bench.server.MediaCounters}), its CPU time from {@code /proc/PID/stat}
 * ({@link postbox.bench.server.ProcStat}), its live heap from the Prometheus text
 * ({@link postbox.bench.server.PrometheusText}, {@link postbox.bench.server.HeapUse}) after a full GC by
 * {@code jcmd} ({@link postbox.bench.server.Jcmd}), and free local ports for it
 * ({@link postbox.bench.server.FreePorts}).
 */
package postbox.bench.server;
