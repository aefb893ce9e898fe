package postbox.sip;

import java.util.concurrent.atomic.LongAdder;

/** Counts the malformed messages one endpoint answered with 400 or dropped. Thread-safe. */
final class MalformedMessages {

    private final LongAdder rejected = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    void rejected() {
        rejected.increment();
    }

    void dropped() {
        dropped.increment();
    }

    MalformedMessageCounts counts() {
        return new MalformedMessageCounts(rejected.sum(), dropped.sum());
    }
}
