package postbox.store.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and atomically writes the store's small JSON files (message sidecars, mailbox records): records as
 * indented JSON, instants as ISO-8601 text, unknown fields ignored so newer versions can add some.
 * Stateless; thread-safe.
 */
final class JsonCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonCodec() {
    }

    /** Reads {@code file} as a {@code type}; an unreadable or malformed file throws an IOException naming it. */
    static <T> T read(Path file, Class<T> type) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot parse " + file + ": " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new IOException("cannot parse " + file + ": it holds no " + type.getSimpleName());
        }
        return value;
    }

    /** Replaces {@code file} with {@code value} as JSON, atomically and durably. */
    static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    }
}
