package postbox.bench;

import java.util.List;

import postbox.bench.audio.RecordingCheck;
import postbox.bench.rtp.StreamTotals;
import postbox.bench.server.MediaCounters;
import postbox.bench.stats.Percentiles;

/**
 * What one run measured. Immutable.
 *
 * @param calls               calls started
 * @param rate                calls started per second
 * @param answered            calls answered (200 OK)
 * @param failed              calls not answered, or hung up by the server before the end
 * @param setupMicros         INVITE sent → 200 OK received, µs
 * @param streams             the server's packets as they arrived, in the window, all streams
 * @param recordings          the stored recordings against what was sent, totals
 * @param messagesFound       answered calls whose message was found and read
 * @param windowSeconds       the window's length
 * @param serverCpuSeconds    server CPU (user + system) in the window
 * @param server              the server's media counters over the window
 * @param heapIdleBytes       server heap after a GC before the calls (NaN when unknown)
 * @param heapSteadyBytes     server heap after a GC with every call up (NaN when unknown)
 * @param generatorLateness   the generator's tick start − deadline in the window, µs
 * @param generatorCpuSeconds the generator's CPU in the window
 * @param notes               what else is worth knowing: failures, losses, load, where a kept run's folder is
 */
public record RunResult(int calls, int rate, int answered, int failed, Percentiles setupMicros, StreamTotals streams,
                        RecordingCheck recordings, int messagesFound, double windowSeconds, double serverCpuSeconds,
                        MediaCounters server, double heapIdleBytes, double heapSteadyBytes,
                        Percentiles generatorLateness, double generatorCpuSeconds, List<String> notes) {

    /** Server CPU per packet handled (in + out, from its own counters), µs; NaN without packets. */
    public double cpuMicrosPerPacket() {
        return server.packets() == 0 ? Double.NaN : serverCpuSeconds * 1e6 / server.packets();
    }

    /** Packets the server handled per second (in + out) in the window. */
    public double packetsPerSecond() {
        return windowSeconds == 0 ? Double.NaN : server.packets() / windowSeconds;
    }

    /** Server CPU in the window, % of one core. */
    public double serverCpuPercent() {
        return windowSeconds == 0 ? Double.NaN : serverCpuSeconds * 100 / windowSeconds;
    }

    /** Generator CPU in the window, % of one core. */
    public double generatorCpuPercent() {
        return windowSeconds == 0 ? Double.NaN : generatorCpuSeconds * 100 / windowSeconds;
    }

    /** (steady heap − idle heap) ÷ answered calls, KB; NaN when unknown. */
    public double heapKbPerCall() {
        return answered == 0 ? Double.NaN : (heapSteadyBytes - heapIdleBytes) / answered / 1024;
    }
}
