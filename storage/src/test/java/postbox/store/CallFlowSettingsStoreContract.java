package postbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CallFlowSettingsStore} must do. Subclasses say how to open and reopen one. */
public abstract class CallFlowSettingsStoreContract {

    protected CallFlowSettingsStore store;

    /** A new, empty store. */
    protected abstract CallFlowSettingsStore newStore() throws IOException;

    /** The same store opened again (as after a restart). */
    protected abstract CallFlowSettingsStore reopen() throws IOException;

    @BeforeEach
    void open() throws IOException {
        store = newStore();
    }

    @Test
    void nothingIsStoredUntilSet() {
        assertThat(store.get()).isEmpty();
        assertThat(store.clear()).isFalse();
    }

    @Test
    void settingsAreStoredDurablyAndCleared() throws IOException {
        store.put(new CallFlowSettings(300, 7));
        store.put(new CallFlowSettings(90, 3));

        assertThat(store.get()).contains(new CallFlowSettings(90, 3));
        assertThat(reopen().get()).contains(new CallFlowSettings(90, 3));
        assertThat(store.clear()).isTrue();
        assertThat(store.get()).isEmpty();
        assertThat(reopen().get()).isEmpty();
    }

    @Test
    void listenersHearChangesOnly() {
        List<String> heard = new CopyOnWriteArrayList<>();
        store.addListener(() -> heard.add(store.get().map(CallFlowSettings::toString).orElse("-")));

        store.put(new CallFlowSettings(300, 7));
        store.put(new CallFlowSettings(300, 7));
        store.clear();
        store.clear();

        assertThat(heard).containsExactly(new CallFlowSettings(300, 7).toString(), "-");
    }
}
