package postbox.media.rtcp;

/**
 * What a leg knows about the peer's RTP stream, per RFC 3550 appendix A: sequence numbers extended over wraps
 * (A.1, without probation: a jump of more than 3000 ahead or 100 behind restarts the count when the next packet
 * confirms it), packets expected, received and lost, the fraction lost since the last report (A.3) and the
 * interarrival jitter {@code J += (|D| − J) / 16} in timestamp units (A.8); plus LSR/DLSR of the peer's last
 * sender report. Arrival times are given by the caller in the stream's RTP clock units (the leg uses the time of
 * the tick that drained the packet). Tick thread only; allocation-free.
 */
public final class ReceptionStats {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQUENCE_MOD = 1 << 16;

    private boolean started;
    private int ssrc;
    private int baseSequence;
    private int maxSequence;
    private long cycles;
    private int badSequence = -1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean haveTransit;
    private long lastTransit;
    private double jitter;
    private long lastSenderReport;
    private long lastSenderReportNanos;

    /**
     * Counts one RTP packet of the peer (any payload type).
     *
     * @param arrival the arrival time in RTP clock units
     */
    public void onPacket(int ssrc, int sequence, long timestamp, long arrival) {
        if (!started || ssrc != this.ssrc) {
            restart(ssrc, sequence);
        } else if (!updateSequence(sequence)) {
            return;
        }
        received++;
        long transit = arrival - timestamp;
        if (haveTransit) {
            long difference = Math.abs((int) (transit - lastTransit));
            jitter += (difference - jitter) / 16;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** Notes a sender report of the peer: its NTP timestamp, received at {@code nowNanos} (tick time). */
    public void onSenderReport(long ntpTimestamp, long nowNanos) {
        lastSenderReport = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        lastSenderReportNanos = nowNanos;
    }

    /** True once a packet of the peer was counted. */
    public boolean started() {
        return started;
    }

    /** The peer's SSRC (valid once {@link #started()}). */
    public int ssrc() {
        return ssrc;
    }

    /** The highest sequence number received, extended by the wrap count (32 bits). */
    public long extendedHighestSequence() {
        return cycles + maxSequence;
    }

    /** Packets expected from the first to the highest sequence number. */
    public long expected() {
        return started ? extendedHighestSequence() - baseSequence + 1 : 0;
    }

    /** Packets received (duplicates included, as RFC 3550 counts them). */
    public long received() {
        return received;
    }

    /** Cumulative packets lost (negative when duplicates outnumber losses). */
    public long lost() {
        return expected() - received;
    }

    /** The interarrival jitter in timestamp units. */
    public double jitter() {
        return jitter;
    }

    /**
     * The fraction lost since the previous call, in 1/256 (the report block's 8-bit field), and starts the next
     * interval.
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
    }

    /** LSR: the middle 32 bits of the NTP timestamp of the peer's last sender report, 0 when none came. */
    public long lastSenderReport() {
        return lastSenderReport;
    }

    /** DLSR: the delay since that report, in 1/65536 s, 0 when none came. */
    public long delaySinceLastSenderReport(long nowNanos) {
        return lastSenderReport == 0 ? 0 : ((nowNanos - lastSenderReportNanos) << 16) / 1_000_000_000L;
    }

    private void restart(int ssrc, int sequence) {
        started = true;
        this.ssrc = ssrc;
        baseSequence = sequence;
        maxSequence = sequence;
        cycles = 0;
        badSequence = -1;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        haveTransit = false;
        jitter = 0;
    }

    /** RFC 3550 A.1: false when the packet is not counted (a jump that a second packet has to confirm). */
    private boolean updateSequence(int sequence) {
        int delta = (sequence - maxSequence) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (sequence < maxSequence) {
                cycles += SEQUENCE_MOD;
            }
            maxSequence = sequence;
            return true;
        }
        if (delta <= SEQUENCE_MOD - MAX_MISORDER) {
            if (sequence == badSequence) {
                restart(ssrc, sequence);
                return true;
            }
            badSequence = (sequence + 1) & 0xFFFF;
            return false;
        }
        return true;
    }
}
