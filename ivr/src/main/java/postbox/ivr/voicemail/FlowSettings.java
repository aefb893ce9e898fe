package postbox.ivr.voicemail;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import postbox.media.Frames;
import postbox.store.CallFlowSettings;

/**
 * The knobs of the voicemail flows. Immutable value.
 *
 * @param maxMessage     the longest message (SPEC: 120 s by default)
 * @param silenceTimeout continuous silence that ends a recording (5 s)
 * @param minMessage     the least voiced audio that makes a message (1 s): shorter ones are not kept on hangup
 *                       and are refused when sent on purpose
 * @param menuTimeout    how long menus wait for a key, and between keys (5 s)
 * @param menuAttempts   tries per menu or entry before giving up (3)
 * @param pinAttempts    failed logins per call before goodbye (3)
 * @param zone           the zone in which times are said to callers
 * @param clock          the time of deposits
 */
public record FlowSettings(Duration maxMessage, Duration silenceTimeout, Duration minMessage, Duration menuTimeout,
                           int menuAttempts, int pinAttempts, ZoneId zone, Clock clock) {

    public FlowSettings {
        if (!maxMessage.isPositive() || !silenceTimeout.isPositive() || minMessage.isNegative()
                || !menuTimeout.isPositive() || menuAttempts < 1 || pinAttempts < 1) {
            throw new IllegalArgumentException("bad flow settings: " + maxMessage + ", " + silenceTimeout + ", "
                    + minMessage + ", " + menuTimeout + ", " + menuAttempts + ", " + pinAttempts);
        }
    }

    /** SPEC defaults: 120 s messages, 5 s silence, 1 s minimum, 5 s menu timeout, 3 tries, 3 logins. */
    public static FlowSettings defaults(ZoneId zone, Clock clock) {
        return new FlowSettings(Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 3, 3, zone, clock);
    }

    /** These settings with the maximum length and the silence timeout of {@code callFlow}. */
    public FlowSettings with(CallFlowSettings callFlow) {
        return new FlowSettings(callFlow.maxMessage(), callFlow.silence(), minMessage, menuTimeout, menuAttempts,
                pinAttempts, zone, clock);
    }

    /** {@link #minMessage} in samples. */
    long minMessageSamples() {
        return minMessage.toMillis() * Frames.RATE / 1000;
    }
}
