package postbox.sip;

import java.net.InetSocketAddress;
import java.time.Duration;

/** What the server decides for an {@link IncomingCall}. Immutable values. */
public sealed interface Answer {

    /**
     * Answer the call (180 then 200 OK with an SDP answer pointing at {@code localMedia}).
     *
     * @param localMedia where Postbox receives this call's RTP
     * @param listener   told about the dialog from now on
     */
    record Accept(InetSocketAddress localMedia, CallListener listener) implements Answer {
    }

    /**
     * Refuse the call with a final response.
     *
     * @param status     a 4xx/5xx/6xx status code, e.g. 404 or 503
     * @param reason     the reason phrase
     * @param retryAfter sent as {@code Retry-After} (whole seconds) when not null
     */
    record Reject(int status, String reason, Duration retryAfter) implements Answer {
        public Reject(int status, String reason) {
            this(status, reason, null);
        }
    }
}
