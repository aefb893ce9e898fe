package postbox.bench.rtp;

import postbox.bench.stats.IntSeries;
import postbox.bench.stats.Percentiles;

/**
 * What one stream of server packets looked like on arrival, from receive timestamps and RTP sequence numbers:
 * within the measuring window, the deviation {@code |Δt − 20 ms|} between packets with consecutive sequence numbers
 * (µs), gaps longer than 40 ms between any two arrivals, and sequence numbers skipped (packets lost; a late packet
 * still counts as lost, and as out of order). One receiver thread only; read after it stopped.
 */
public final class ArrivalStats {
    static final long FRAME_NANOS = 20_000_000;
    static final long GAP_NANOS = 40_000_000;

    private final IntSeries deviationsMicros;
    private boolean started;
    private long lastNanos;
    private int lastSequence;
    private long received;
    private long windowReceived;
    private long windowLost;
    private long outOfOrder;
    private int gaps;
    private long longestGapNanos;

    /** @param expectedWindowPackets about how many packets the window will see (sizes the sample store) */
    public ArrivalStats(int expectedWindowPackets) {
        deviationsMicros = new IntSeries(expectedWindowPackets + expectedWindowPackets / 8 + 16);
    }

    /**
     * One packet read at {@code nanos} with RTP sequence number {@code sequence} (0..65535).
     *
     * @param inWindow whether {@code nanos} is inside the measuring window
     */
    public void arrive(long nanos, int sequence, boolean inWindow) {
        received++;
        if (!started) {
            started = true;
            lastNanos = nanos;
            lastSequence = sequence;
            return;
        }
        int step = (short) (sequence - lastSequence);
        if (step <= 0) {
            outOfOrder++;
            return;
        }
        if (inWindow) {
            long delta = nanos - lastNanos;
            windowReceived++;
            windowLost += step - 1;
            if (step == 1) {
                deviationsMicros.add((int) Math.min(Integer.MAX_VALUE, Math.abs(delta - FRAME_NANOS) / 1000));
            }
            if (delta > GAP_NANOS) {
                gaps++;
                longestGapNanos = Math.max(longestGapNanos, delta);
            }
        }
        lastNanos = nanos;
        lastSequence = sequence;
    }

    /** Packets received, in the window or not. */
    public long received() {
        return received;
    }

    /** Packets received in the window. */
    public long windowReceived() {
        return windowReceived;
    }

    /** Sequence numbers skipped in the window. */
    public long windowLost() {
        return windowLost;
    }

    /** Packets that came with a sequence number at or behind the highest seen. */
    public long outOfOrder() {
        return outOfOrder;
    }

    /** Arrivals more than 40 ms after the previous one, in the window. */
    public int gaps() {
        return gaps;
    }

    /** The longest time between two arrivals in the window (0 without a gap), ns. */
    public long longestGapNanos() {
        return longestGapNanos;
    }

    /** The deviations from 20 ms in the window, µs. */
    public IntSeries deviationsMicros() {
        return deviationsMicros;
    }

    /** Their percentiles, µs. */
    public Percentiles deviations() {
        return deviationsMicros.percentiles();
    }
}
