package postbox.media;

import java.net.InetAddress;
import java.time.Duration;

/**
 * How a {@link MediaEngine} runs. Immutable, validated on construction.
 *
 * @param bindAddress  where RTP sockets bind (advertise this address in SDP unless it is a wildcard)
 * @param rtpPortMin   lowest RTP port (even ports for RTP, each with the odd port above it for RTCP); 0 with
 *                     {@code rtpPortMax} 0 for ephemeral ports
 * @param rtpPortMax   highest RTP (or RTCP) port
 * @param clocks       number of paced clocks (shards) the legs are spread over
 * @param rtpTimeout   how long a peer that should be sending may stay silent before {@link MediaEvent.RtpTimeout}
 * @param jitterDelay  the adaptive jitter buffer's initial playout delay, a multiple of 20 ms from 20 to 200 ms (it
 *                     then adapts within 20..200 ms)
 * @param spinMargin   how long before each deadline a clock stops parking and spins (0 to 5 ms)
 */
public record MediaConfig(InetAddress bindAddress, int rtpPortMin, int rtpPortMax, int clocks,
                          Duration rtpTimeout, Duration jitterDelay, Duration spinMargin) {

    /** No RTP for this long ends the call. */
    public static final Duration DEFAULT_RTP_TIMEOUT = Duration.ofSeconds(30);
    /** The jitter buffer's initial delay. */
    public static final Duration DEFAULT_JITTER_DELAY = Duration.ofMillis(60);
    private static final Duration MIN_JITTER_DELAY = Duration.ofMillis(20);
    /** Spin before each deadline. */
    public static final Duration DEFAULT_SPIN_MARGIN = Duration.ofMillis(1);
    private static final Duration MAX_JITTER_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_SPIN_MARGIN = Duration.ofMillis(5);

    /** Validates every field, naming the one that is wrong. */
    public MediaConfig {
        if (bindAddress == null) {
            throw new IllegalArgumentException("media bind address is missing");
        }
        if (rtpPortMin < 0 || rtpPortMax > 65535 || rtpPortMin > rtpPortMax) {
            throw new IllegalArgumentException("RTP port range " + rtpPortMin + ".." + rtpPortMax
                    + " is invalid: it must lie within 0..65535 with min <= max");
        }
        if (rtpPortMin == 0 && rtpPortMax != 0) {
            throw new IllegalArgumentException("RTP port range " + rtpPortMin + ".." + rtpPortMax
                    + " is invalid: use 0..0 for ephemeral ports or a range starting at 1 or more");
        }
        if (rtpPortMax != 0 && rtpPortMin + (rtpPortMin & 1) + 1 > rtpPortMax) {
            throw new IllegalArgumentException("RTP port range " + rtpPortMin + ".." + rtpPortMax
                    + " contains no even port with the RTCP port above it");
        }
        if (clocks < 1) {
            throw new IllegalArgumentException("media clocks must be at least 1, not " + clocks);
        }
        if (rtpTimeout == null || rtpTimeout.isNegative() || rtpTimeout.isZero()) {
            throw new IllegalArgumentException("RTP timeout must be positive, not " + rtpTimeout);
        }
        if (jitterDelay == null || jitterDelay.compareTo(MIN_JITTER_DELAY) < 0
                || jitterDelay.compareTo(MAX_JITTER_DELAY) > 0 || jitterDelay.toNanos() % Frames.NANOS != 0) {
            throw new IllegalArgumentException("jitter delay must be a multiple of 20 ms from "
                    + MIN_JITTER_DELAY.toMillis() + " to " + MAX_JITTER_DELAY.toMillis() + " ms, not " + jitterDelay);
        }
        if (spinMargin == null || spinMargin.isNegative() || spinMargin.compareTo(MAX_SPIN_MARGIN) > 0) {
            throw new IllegalArgumentException("spin margin must be from 0 to " + MAX_SPIN_MARGIN.toMillis()
                    + " ms, not " + spinMargin);
        }
    }

    /**
     * Defaults on {@code bindAddress}: ephemeral ports, one clock per core, 30 s timeout, 60 ms initial jitter
     * delay.
     */
    public static MediaConfig defaults(InetAddress bindAddress) {
        return new MediaConfig(bindAddress, 0, 0, Runtime.getRuntime().availableProcessors(),
                DEFAULT_RTP_TIMEOUT, DEFAULT_JITTER_DELAY, DEFAULT_SPIN_MARGIN);
    }

    /** This configuration with RTP ports {@code min..max}. */
    public MediaConfig withRtpPorts(int min, int max) {
        return new MediaConfig(bindAddress, min, max, clocks, rtpTimeout, jitterDelay, spinMargin);
    }

    /** This configuration with {@code count} clocks. */
    public MediaConfig withClocks(int count) {
        return new MediaConfig(bindAddress, rtpPortMin, rtpPortMax, count, rtpTimeout, jitterDelay, spinMargin);
    }

    /** This configuration with another RTP timeout. */
    public MediaConfig withRtpTimeout(Duration timeout) {
        return new MediaConfig(bindAddress, rtpPortMin, rtpPortMax, clocks, timeout, jitterDelay, spinMargin);
    }

    /** This configuration with another jitter delay. */
    public MediaConfig withJitterDelay(Duration delay) {
        return new MediaConfig(bindAddress, rtpPortMin, rtpPortMax, clocks, rtpTimeout, delay, spinMargin);
    }

    /** This configuration with another spin margin. */
    public MediaConfig withSpinMargin(Duration margin) {
        return new MediaConfig(bindAddress, rtpPortMin, rtpPortMax, clocks, rtpTimeout, jitterDelay, margin);
    }
}
