package postbox.store;

/**
 * Told when a mailbox's message counts may have changed: a message filed, or moved to another state (what MWI
 * follows). Called on the thread that made the change, after the change is durable; must return at once.
 */
@FunctionalInterface
public interface CountsListener {

    /** {@code mailbox}'s counts are now {@code counts}. */
    void countsChanged(String mailbox, MessageCounts counts);
}
