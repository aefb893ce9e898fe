package postbox.bench;

import java.util.List;

import postbox.bench.audio.RecordingCheck;
import postbox.bench.server.MediaCounters;
import postbox.bench.stats.Percentiles;

/**
 * What one run measured. Immutable.
 *
 * @param calls                 calls started
 * @param rate                  calls started per second
 * @param answered              calls answered (200 OK)
 * @param failed                calls not answered, or hung up by the server before the end
 * @param setupMicros           INVITE sent → 200 OK received, µs
 * @param deviationMicros       |Δt − 20 ms| between consecutive server packets over all streams in the window, µs
 * @param streamP99MedianMicros the median over streams of each stream's p99 deviation, µs
 * @param streamP99WorstMicros  the worst stream's p99 deviation, µs
 * @param gaps                  arrivals more than 40 ms after the previous one, in the window
 * @param rtpLost               server packets lost (sequence numbers skipped) in the window
 * @param rtpReceived           server packets received in the window
 * @param recordings            the stored recordings against what was sent, totals
 * @param worstRecording        the call whose recording lost most frames, or -1
 * @param worstRecordingLost    its frames lost
 * @param messagesFound         answered calls whose message was found and read
 * @param unreadableMessages    messages without any frame mark (or a second one for a call)
 * @param windowSeconds         the window's length
 * @param serverCpuSeconds      server CPU (user + system) in the window
 * @param server                the server's media counters over the window
 * @param heapIdleBytes         server heap after a GC before the calls (NaN when unknown)
 * @param heapSteadyBytes       server heap after a GC with every call up (NaN when unknown)
 * @param generatorLateness     the generator's tick start − deadline in the window, µs
 * @param generatorBurst        the generator's time to send one tick's packets in the window, µs
 * @param generatorRebases      times the generator fell more than 100 ms behind
 * @param generatorSendFailures packets the generator's sockets refused
 * @param generatorCpuSeconds   the generator's CPU in the window
 * @param notes                 what went wrong, and where a kept run's folder is
 */
public record RunResult(int calls, int rate, int answered, int failed, Percentiles setupMicros,
                        Percentiles deviationMicros, int streamP99MedianMicros, int streamP99WorstMicros, long gaps,
                        long rtpLost, long rtpReceived, RecordingCheck recordings, int worstRecording,
                        int worstRecordingLost, int messagesFound, int unreadableMessages, double windowSeconds,
                        double serverCpuSeconds, MediaCounters server, double heapIdleBytes, double heapSteadyBytes,
                        Percentiles generatorLateness, Percentiles generatorBurst, long generatorRebases,
                        long generatorSendFailures, double generatorCpuSeconds, List<String> notes) {

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
