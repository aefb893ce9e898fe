package postbox.store;

import java.time.Instant;

/**
 * What is known when a caller starts leaving a message.
 *
 * @param mailbox    the mailbox it is for
 * @param from       the caller, empty when unknown
 * @param receivedAt when the recording started
 */
public record DepositInfo(String mailbox, String from, Instant receivedAt) {
}
