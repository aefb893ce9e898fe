package postbox.server.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import postbox.sip.Answer;

/** Counts calls by start point and refusals by status. Thread-safe. */
public final class CallMetrics {

    private final MeterRegistry registry;

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String startPoint) {
        Counter.builder("postbox.calls").description("calls answered, by start point")
                .tag("start", startPoint).register(registry).increment();
    }

    Answer.Reject rejected(Answer.Reject reject) {
        Counter.builder("postbox.calls.rejected").description("calls refused, by SIP status")
                .tag("status", String.valueOf(reject.status())).register(registry).increment();
        return reject;
    }
}
