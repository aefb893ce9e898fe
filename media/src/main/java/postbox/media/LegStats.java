package postbox.media;

import java.util.Optional;

/**
 * A snapshot of one leg's counters (for the admin page, logs at hangup and tests). Immutable.
 *
 * @param codec             the negotiated codec's encoding name ({@code ""} before connect)
 * @param sampleRate        the leg's internal rate, 8000 or 16000 Hz
 * @param packetsIn         datagrams received (RTP and RTCP, before any check)
 * @param packetsOut        RTP packets sent (audio and telephone-events)
 * @param packetsLost       RTP packets of the peer's stream never received (RFC 3550: expected minus received)
 * @param latePackets       audio packets that came after their playout time
 * @param reorderedPackets  audio packets out of order but in time
 * @param duplicatePackets  audio packets received twice
 * @param framesConcealed   missing frames replaced by an attenuated repeat
 * @param playUnderruns     frames a playback source could not deliver in time
 * @param srtpFailures      packets dropped because SRTP/SRTCP authentication or replay checks failed
 * @param jitterMillis      the peer stream's interarrival jitter (RFC 3550 estimate, at the 20 ms resolution of
 *                          the tick that drains the socket)
 * @param jitterBufferMillis the adaptive jitter buffer's current playout delay (20..200 ms)
 * @param peer              what the peer's last RTCP report said about our stream, if any came
 */
public record LegStats(String codec, int sampleRate, long packetsIn, long packetsOut, long packetsLost,
                       long latePackets, long reorderedPackets, long duplicatePackets, long framesConcealed,
                       long playUnderruns, long srtpFailures, double jitterMillis, int jitterBufferMillis,
                       Optional<PeerReport> peer) {

    /**
     * The peer's view of our stream from its RTCP receiver report block (and the round trip from LSR/DLSR).
     *
     * @param fractionLost     the fraction of our packets it lost since its previous report (0..1)
     * @param cumulativeLost   our packets it lost in all
     * @param jitterMillis     the interarrival jitter it measured on our stream
     * @param roundTripMillis  the round-trip time (RFC 3550 section 6.4.1), or -1 when it cannot be computed yet
     */
    public record PeerReport(double fractionLost, long cumulativeLost, double jitterMillis, double roundTripMillis) {
    }
}
