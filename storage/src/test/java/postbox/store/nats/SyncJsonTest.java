package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import postbox.store.CallFlowSettings;
import postbox.store.MailboxEntry;
import postbox.store.MailboxPreferences;

class SyncJsonTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mailboxEntriesRoundTrip() throws IOException {
        MailboxEntry entry = new MailboxEntry("201", "Zoë \"Z\" O'Neil", "pbkdf2-sha256$1000$c2FsdA$aGFzaA",
                "pbkdf2-sha256$1000$b2xk$b2xk", new MailboxPreferences(900));

        String json = SyncJson.write(entry);

        assertThat(json).doesNotContain("\n").contains("\"id\":\"201\"");
        assertThat(SyncJson.read(utf8(json), MailboxEntry.class)).isEqualTo(entry);
    }

    @Test
    void aMissingPreviousPinHashStaysNull() throws IOException {
        MailboxEntry entry = SyncJson.read(utf8("{\"id\":\"7\",\"name\":\"\",\"pinHash\":\"h\"}"), MailboxEntry.class);

        assertThat(entry).isEqualTo(new MailboxEntry("7", "", "h", null));
    }

    @Test
    void anEntryWithoutPreferencesHasNone() throws IOException {
        MailboxEntry entry = SyncJson.read(utf8("{\"id\":\"7\",\"name\":\"\",\"pinHash\":\"h\"}"), MailboxEntry.class);

        assertThat(entry.preferences()).isEqualTo(MailboxPreferences.NONE);
    }

    @Test
    void callFlowSettingsRoundTripAndOutOfRangeOnesAreIOExceptions() throws IOException {
        CallFlowSettings settings = new CallFlowSettings(600, 8);

        assertThat(SyncJson.read(utf8(SyncJson.write(settings)), CallFlowSettings.class)).isEqualTo(settings);
        assertThatThrownBy(() -> SyncJson.read(utf8("{\"maxMessageSeconds\":7200,\"silenceSeconds\":5}"),
                CallFlowSettings.class)).isInstanceOf(IOException.class).hasMessageContaining("maxMessageSeconds");
    }

    @Test
    void fieldsFromANewerNodeAreIgnored() throws IOException {
        MailboxEntry entry = SyncJson.read(utf8(
                "{\"id\":\"7\",\"name\":\"n\",\"pinHash\":\"h\",\"language\":\"fr\"}"), MailboxEntry.class);

        assertThat(entry.name()).isEqualTo("n");
    }

    @Test
    void malformedOrInvalidEntriesAreIOExceptions() {
        assertThatThrownBy(() -> SyncJson.read(utf8("{\"id\":"), MailboxEntry.class))
                .isInstanceOf(IOException.class).hasMessageContaining("MailboxEntry");
        assertThatThrownBy(() -> SyncJson.read(utf8("{\"id\":\"../x\",\"name\":\"n\",\"pinHash\":\"h\"}"),
                MailboxEntry.class)).isInstanceOf(IOException.class).hasMessageContaining("digits");
        assertThatThrownBy(() -> SyncJson.read(utf8("{\"id\":\"201\",\"name\":\"n\"}"), MailboxEntry.class))
                .isInstanceOf(IOException.class).hasMessageContaining("pinHash");
        assertThatThrownBy(() -> SyncJson.read(utf8("null"), MailboxEntry.class)).isInstanceOf(IOException.class);
    }

    @Test
    void heartbeatsCarryTheirTimeAsIsoText() throws IOException {
        Heartbeat heartbeat = new Heartbeat("a", "primary", "active", 2, 5, Instant.parse("2026-11-26T02:15:00.123Z"));

        String json = SyncJson.write(heartbeat);

        assertThat(json).contains("\"sentAt\":\"2026-11-26T02:15:00.123Z\"");
        assertThat(SyncJson.read(utf8(json), Heartbeat.class)).isEqualTo(heartbeat);
    }
}
