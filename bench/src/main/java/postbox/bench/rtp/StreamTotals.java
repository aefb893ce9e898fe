package postbox.bench.rtp;

import java.util.ArrayList;
import java.util.List;

import postbox.bench.stats.IntSeries;
import postbox.bench.stats.Percentiles;

/**
 * The arrival statistics of all streams of a run, summed: deviations pooled over all streams, each stream's own
 * p99 (their median and worst), gaps, packets lost and received in the window, and the generator's send failures.
 * Immutable; made after the sender and the receivers stopped.
 *
 * @param deviationMicros    |Δt − 20 ms| over all streams, µs
 * @param streamP99Micros    the distribution of the streams' own p99 deviations, µs
 * @param gaps               arrivals more than 40 ms after the previous one
 * @param lost               sequence numbers skipped
 * @param received           packets received in the window
 * @param sendFailures       packets the generator's sockets refused
 * @param stalled            the streams (their index in the list) with a gap over a second, at most 10
 * @param stalledCount       how many streams had a gap over a second
 */
public record StreamTotals(Percentiles deviationMicros, Percentiles streamP99Micros, long gaps, long lost,
                           long received, long sendFailures, List<Integer> stalled, int stalledCount) {

    private static final long STALL_NANOS = 1_000_000_000L;
    private static final int MAX_STALLED_LISTED = 10;

    /** Sums the arrivals of every stream; {@code sendFailures} is the generator's, summed over its sockets. */
    public static StreamTotals of(List<ArrivalStats> streams, long sendFailures) {
        int samples = streams.stream().mapToInt(s -> s.deviationsMicros().size()).sum();
        IntSeries deviations = new IntSeries(samples);
        int[] streamP99 = new int[streams.size()];
        int measured = 0;
        long gaps = 0;
        long lost = 0;
        long received = 0;
        List<Integer> stalled = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            ArrivalStats arrivals = streams.get(i);
            if (arrivals.longestGapNanos() > STALL_NANOS) {
                stalled.add(i);
            }
            deviations.addAll(arrivals.deviationsMicros());
            Percentiles own = arrivals.deviations();
            if (own.any()) {
                streamP99[measured++] = own.p99();
            }
            gaps += arrivals.gaps();
            lost += arrivals.windowLost();
            received += arrivals.windowReceived();
        }
        return new StreamTotals(deviations.percentiles(), Percentiles.of(streamP99, measured), gaps, lost, received,
                sendFailures, List.copyOf(stalled.subList(0, Math.min(stalled.size(), MAX_STALLED_LISTED))),
                stalled.size());
    }
}
