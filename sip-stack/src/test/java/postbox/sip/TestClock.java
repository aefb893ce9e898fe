package postbox.sip;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. Not thread-safe: the test thread drives it. */
final class TestClock implements InstantSource {

    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration by) {
        now = now.plus(by);
    }
}
