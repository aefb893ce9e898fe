package postbox.store.nats;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import postbox.store.MessageInfo;
import postbox.store.MessageState;

/**
 * A handed-over message's {@link MessageInfo} as the metadata of its object (a string map, which jnats 2.22.0
 * stores in the object's meta message and reads back unchanged, also through a mirror or another domain).
 * Stateless; thread-safe.
 */
final class HandoverMeta {

    private static final String ID = "postbox-id";
    private static final String MAILBOX = "postbox-mailbox";
    private static final String FROM = "postbox-from";
    private static final String RECEIVED_AT = "postbox-received-at";
    private static final String DURATION_MS = "postbox-duration-ms";
    private static final String STATE = "postbox-state";

    private HandoverMeta() {
    }

    /** The metadata describing {@code info}. */
    static Map<String, String> of(MessageInfo info) {
        return Map.of(ID, info.id(), MAILBOX, info.mailbox(), FROM, info.from(),
                RECEIVED_AT, info.receivedAt().toString(), DURATION_MS, Long.toString(info.durationMs()),
                STATE, info.state().name());
    }

    /** The message {@code metadata} describes; throws IOException naming what is missing or malformed. */
    static MessageInfo parse(Map<String, String> metadata) throws IOException {
        if (metadata == null) {
            throw new IOException("the object has no metadata");
        }
        try {
            return new MessageInfo(require(metadata, ID), require(metadata, MAILBOX), require(metadata, FROM),
                    Instant.parse(require(metadata, RECEIVED_AT)),
                    Long.parseLong(require(metadata, DURATION_MS)),
                    MessageState.valueOf(require(metadata, STATE)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException("malformed message metadata " + metadata + ": " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> metadata, String key) throws IOException {
        String value = metadata.get(key);
        if (value == null) {
            throw new IOException("the object's metadata lacks " + key);
        }
        return value;
    }
}
