package postbox.media;

/**
 * A snapshot of the engine's counters, summed over its clocks (for metrics and the admin page). Immutable.
 *
 * @param activeLegs             legs open now
 * @param ticks                  ticks run (summed over clocks)
 * @param lateTicks              ticks that started more than 2 ms after their deadline
 * @param maxTickLatenessMicros  the worst tick lateness seen on any clock
 * @param rebases                times a clock fell more than 100 ms behind and re-based
 * @param packetsIn              datagrams received
 * @param packetsOut             RTP packets sent
 * @param packetsIgnored         datagrams dropped unread (not RTP, RTCP, unknown payload type, no peer yet)
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
 */
public record MediaStats(int activeLegs, long ticks, long lateTicks, long maxTickLatenessMicros, long rebases,
                         long packetsIn, long packetsOut, long packetsIgnored, long sendFailures,
                         long framesLost, long framesConcealed, long latePackets, long reorderedPackets,
                         long duplicatePackets, long jitterResyncs, long playUnderruns, long recordOverruns,
                         long legFailures) {
}
