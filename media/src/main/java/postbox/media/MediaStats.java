package postbox.media;

import java.util.List;

/**
 * A snapshot of the engine's counters, summed over its clocks (for metrics and the admin page). Immutable.
 *
 * @param activeLegs             legs open now
 * @param ticks                  ticks run (summed over clocks)
 * @param lateTicks              ticks that started more than 2 ms after their deadline
 * @param maxTickLatenessMicros  the worst tick lateness seen on any clock
 * @param rebases                times a clock fell more than 100 ms behind and re-based
 * @param packetsIn              datagrams received (RTP and RTCP sockets)
 * @param packetsOut             RTP packets sent (audio and telephone-events)
 * @param packetsIgnored         datagrams dropped unread (not RTP or RTCP, unknown payload type, undecodable, no
 *                               peer yet)
 * @param sendFailures           packets the socket refused
 * @param framesLost             frames missing while later audio was buffered
 * @param framesConcealed        missing frames replaced by an attenuated repeat
 * @param latePackets            audio packets that came after their playout time
 * @param reorderedPackets       audio packets out of order but in time
 * @param duplicatePackets       audio packets received twice
 * @param jitterResyncs          jitter buffer re-syncs
 * @param playUnderruns          frames a source could not deliver in time
 * @param recordOverruns         recorded frames dropped because a writer fell behind
 * @param legFailures            legs released because their tick failed
 * @param tickLateness           ticks of the paced clocks by lateness: counts of the buckets bounded by
 *                               {@link #TICK_LATENESS_BOUNDS_MICROS} (≤ 0.1, ≤ 0.5, ≤ 1, ≤ 2, ≤ 5, ≤ 10, ≤ 20 ms)
 *                               and a last one for more than 20 ms (8 counts)
 * @param rtcpIn                 RTCP compound packets received
 * @param rtcpOut                RTCP compound packets sent
 * @param srtpFailures           packets dropped by SRTP/SRTCP authentication or replay checks
 * @param maxJitterMillis        the largest RFC 3550 interarrival jitter over the legs open now
 * @param meanJitterMillis       the mean of it over the legs open now
 */
public record MediaStats(int activeLegs, long ticks, long lateTicks, long maxTickLatenessMicros, long rebases,
                         long packetsIn, long packetsOut, long packetsIgnored, long sendFailures,
                         long framesLost, long framesConcealed, long latePackets, long reorderedPackets,
                         long duplicatePackets, long jitterResyncs, long playUnderruns, long recordOverruns,
                         long legFailures, List<Long> tickLateness, long rtcpIn, long rtcpOut, long srtpFailures,
                         double maxJitterMillis, double meanJitterMillis) {

    /** The upper bounds of the tick-lateness buckets but the last, in microseconds. */
    public static final List<Long> TICK_LATENESS_BOUNDS_MICROS = List.of(100L, 500L, 1_000L, 2_000L, 5_000L, 10_000L,
            20_000L);
}
