package postbox.store.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON of what crosses NATS (mailbox entries, greeting references, heartbeats): compact, instants as ISO-8601
 * text, unknown fields ignored so a newer node can add some. Stateless; thread-safe.
 */
final class SyncJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SyncJson() {
    }

    /** {@code value} as compact JSON text. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Parses {@code json} as a {@code type}; malformed or incomplete JSON throws an IOException saying so. */
    static <T> T read(byte[] json, Class<T> type) throws IOException {
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IOException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new IOException("not a " + type.getSimpleName() + ": empty JSON");
        }
        return value;
    }
}
