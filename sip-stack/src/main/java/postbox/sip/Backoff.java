package postbox.sip;

import java.time.Duration;

/** Doubling retry delays from a first one up to a cap (2, 4, 8 ... 60 s). Not thread-safe: one owner. */
final class Backoff {

    private final Duration first;
    private final Duration cap;
    private Duration next;

    Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    /** The delay before the next try; each call doubles the following one, up to the cap. */
    Duration next() {
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(cap) > 0 ? cap : next.multipliedBy(2);
        return delay;
    }

    /** Back to the first delay (after a success). */
    void reset() {
        next = first;
    }
}
