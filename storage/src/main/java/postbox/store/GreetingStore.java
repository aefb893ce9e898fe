package postbox.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Greetings and recorded names, per mailbox and kind, as 8 kHz mono 16-bit WAV. Thread-safe. */
public interface GreetingStore {

    /** The greeting's audio, when recorded. */
    Optional<InputStream> open(String mailbox, GreetingKind kind) throws IOException;

    /** Stores (or replaces) a greeting atomically; throws {@link IllegalArgumentException} for a non-WAV body. */
    void put(String mailbox, GreetingKind kind, InputStream wav) throws IOException;

    /** Removes a greeting; false when there was none. */
    boolean delete(String mailbox, GreetingKind kind) throws IOException;

    /** The kinds recorded for {@code mailbox}, in {@link GreetingKind} order. */
    List<GreetingKind> kinds(String mailbox) throws IOException;

    /** Adds a listener told after every put and every delete that removed something, from now on. */
    void addListener(GreetingListener listener);
}
