package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import postbox.store.MessageInfo;
import postbox.store.MessageState;

class HandoverMetaTest {

    private static MessageInfo message(MessageState state) {
        return new MessageInfo("20261126T021500123Z-00000000000000a1", "201", "sip:+4930123@pbx;user=phone",
                Instant.parse("2026-11-26T02:15:00.123Z"), 12_345, state);
    }

    @ParameterizedTest
    @EnumSource(MessageState.class)
    void everyFieldRoundTrips(MessageState state) throws IOException {
        MessageInfo info = message(state);

        assertThat(HandoverMeta.parse(HandoverMeta.of(info))).isEqualTo(info);
    }

    @Test
    void anUnknownCallerRoundTripsEmpty() throws IOException {
        MessageInfo info = new MessageInfo("x1", "7", "", Instant.EPOCH, 0, MessageState.NEW);

        assertThat(HandoverMeta.parse(HandoverMeta.of(info))).isEqualTo(info);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postbox-id", "postbox-mailbox", "postbox-from", "postbox-received-at",
            "postbox-duration-ms", "postbox-state"})
    void aMissingFieldIsNamed(String field) {
        Map<String, String> metadata = new HashMap<>(HandoverMeta.of(message(MessageState.NEW)));
        metadata.remove(field);

        assertThatThrownBy(() -> HandoverMeta.parse(metadata)).isInstanceOf(IOException.class)
                .hasMessageContaining(field);
    }

    @Test
    void malformedValuesAreIOExceptions() {
        Map<String, String> metadata = new HashMap<>(HandoverMeta.of(message(MessageState.NEW)));
        metadata.put("postbox-state", "LOST");
        assertThatThrownBy(() -> HandoverMeta.parse(metadata)).isInstanceOf(IOException.class);
        metadata.put("postbox-state", "NEW");
        metadata.put("postbox-received-at", "yesterday");
        assertThatThrownBy(() -> HandoverMeta.parse(metadata)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> HandoverMeta.parse(null)).isInstanceOf(IOException.class);
    }
}
