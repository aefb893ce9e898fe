package postbox.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.store.CallFlowSettings;
import postbox.store.CallFlowSettingsStore;
import postbox.store.CallFlowSettingsStoreContract;

class FileCallFlowSettingsStoreTest extends CallFlowSettingsStoreContract {

    @TempDir
    Path root;

    @Override
    protected CallFlowSettingsStore newStore() throws IOException {
        return FileCallFlowSettingsStore.open(root);
    }

    @Override
    protected CallFlowSettingsStore reopen() throws IOException {
        return FileCallFlowSettingsStore.open(root);
    }

    @Test
    void theSettingsLiveInOneJsonFile() throws IOException {
        store.put(new CallFlowSettings(300, 7));

        String json = Files.readString(root.resolve("settings/call-flow.json"));

        assertThat(json).contains("\"maxMessageSeconds\" : 300").contains("\"silenceSeconds\" : 7");
    }

    @Test
    void aFileOutOfRangeFailsTheOpenNamingTheFileAndTheField() throws IOException {
        Files.createDirectories(root.resolve("settings"));
        Files.writeString(root.resolve("settings/call-flow.json"), "{\"maxMessageSeconds\":120,\"silenceSeconds\":0}");

        assertThatThrownBy(() -> FileCallFlowSettingsStore.open(root)).isInstanceOf(IOException.class)
                .hasMessageContaining("call-flow.json").hasMessageContaining("silenceSeconds");
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new CallFlowSettings(0, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMessageSeconds");
        assertThatThrownBy(() -> new CallFlowSettings(120, 61)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("silenceSeconds");
    }
}
