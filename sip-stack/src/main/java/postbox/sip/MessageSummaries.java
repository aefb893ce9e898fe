package postbox.sip;

import java.util.Optional;

/**
 * The current message counts of mailboxes, for SUBSCRIBE (message-summary). Called on JAIN-SIP threads: it must
 * be fast and in memory, and thread-safe.
 */
@FunctionalInterface
public interface MessageSummaries {

    /** The counts of {@code mailbox}, or empty when there is no such mailbox (the SUBSCRIBE gets 404). */
    Optional<MessageSummary> lookup(String mailbox);

    /** No mailboxes at all: every SUBSCRIBE gets 404. */
    static MessageSummaries none() {
        return mailbox -> Optional.empty();
    }
}
