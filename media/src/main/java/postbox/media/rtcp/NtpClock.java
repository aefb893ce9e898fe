package postbox.media.rtcp;

/**
 * NTP timestamps (64-bit, 32.32 seconds since 1900) for sender reports, on the tick's time scale: the wall clock
 * is read once, at the first use, and tick time advances it from there (so a manual clock in tests gives
 * consistent LSR/DLSR/RTT arithmetic). Tick thread only.
 */
public final class NtpClock {
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private boolean based;
    private long baseNanosSince1900;
    private long baseTickNanos;

    /** The NTP timestamp of tick time {@code tickNanos}. */
    public long ntp(long tickNanos) {
        if (!based) {
            based = true;
            baseNanosSince1900 = (System.currentTimeMillis() / 1000 + SECONDS_1900_TO_1970) * NANOS_PER_SECOND
                    + System.currentTimeMillis() % 1000 * 1_000_000L;
            baseTickNanos = tickNanos;
        }
        long nanos = baseNanosSince1900 + (tickNanos - baseTickNanos);
        long seconds = nanos / NANOS_PER_SECOND;
        long fraction = ((nanos % NANOS_PER_SECOND) << 32) / NANOS_PER_SECOND;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp (the unit of LSR and of RTT arithmetic: 1/65536 s). */
    public static long middle(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }
}
