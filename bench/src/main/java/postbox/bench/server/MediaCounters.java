package postbox.bench.server;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server's media counters that the benchmark reads from {@code GET /api/status} ({@code media}). Immutable.
 *
 * @param packetsIn       RTP packets received
 * @param packetsOut      RTP packets sent
 * @param lateTicks       ticks started more than 2 ms after their deadline
 * @param rebases         times a clock fell more than 100 ms behind
 * @param framesLost      frames the jitter buffer never received
 * @param latePackets     packets that came after their playout time
 * @param recordOverruns  recorded frames dropped because a writer fell behind
 * @param sendFailures    packets the server's sockets refused
 * @param activeLegs      legs open now
 */
public record MediaCounters(long packetsIn, long packetsOut, long lateTicks, long rebases, long framesLost,
                            long latePackets, long recordOverruns, long sendFailures, int activeLegs) {

    /** The counters in a {@code /api/status} document. */
    public static MediaCounters of(JsonNode status) {
        JsonNode media = status.path("media");
        if (media.isMissingNode()) {
            throw new IllegalArgumentException("no 'media' in the status: " + status);
        }
        return new MediaCounters(media.path("packetsIn").asLong(), media.path("packetsOut").asLong(),
                media.path("lateTicks").asLong(), media.path("rebases").asLong(), media.path("framesLost").asLong(),
                media.path("latePackets").asLong(), media.path("recordOverruns").asLong(),
                media.path("sendFailures").asLong(), media.path("activeLegs").asInt());
    }

    /** This minus {@code earlier}, counter by counter ({@code activeLegs} is this one's). */
    public MediaCounters since(MediaCounters earlier) {
        return new MediaCounters(packetsIn - earlier.packetsIn, packetsOut - earlier.packetsOut,
                lateTicks - earlier.lateTicks, rebases - earlier.rebases, framesLost - earlier.framesLost,
                latePackets - earlier.latePackets, recordOverruns - earlier.recordOverruns,
                sendFailures - earlier.sendFailures, activeLegs);
    }

    /** Packets handled: in + out. */
    public long packets() {
        return packetsIn + packetsOut;
    }
}
