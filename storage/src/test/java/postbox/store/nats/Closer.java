package postbox.store.nats;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test opened (servers, links, stores), closed in the reverse order after it. */
final class Closer implements AutoCloseable {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /** Closes {@code closeable} after the test, before whatever was added earlier. */
    <T extends AutoCloseable> T add(T closeable) {
        open.push(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }
}
