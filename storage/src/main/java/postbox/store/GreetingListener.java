package postbox.store;

/**
 * Told when a greeting was stored, replaced or deleted. Called on the thread that made the change, after it is
 * durable; must return at once.
 */
@FunctionalInterface
public interface GreetingListener {

    /** The {@code kind} greeting of {@code mailbox} changed ({@link GreetingStore#open} says what it is now). */
    void greetingChanged(String mailbox, GreetingKind kind);
}
