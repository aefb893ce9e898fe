package postbox.store;

import java.time.Instant;

/**
 * A stored message, without its audio.
 *
 * @param id         unique across the whole network (also the dedup key when messages move between nodes)
 * @param mailbox    the mailbox it belongs to
 * @param from       the caller as shown to the user (number or SIP user), empty when unknown
 * @param receivedAt when the caller started leaving it
 * @param durationMs the length of its audio
 * @param state      its state
 */
public record MessageInfo(String id, String mailbox, String from, Instant receivedAt, long durationMs,
                          MessageState state) {
}
