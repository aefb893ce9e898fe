package postbox.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.CallFlowSettings;
import postbox.store.CallFlowSettingsStore;

/**
 * The embedded call-flow settings store: {@code root/settings/call-flow.json}, replaced atomically and durably, and
 * held in memory for the calls that read it. A file that cannot be read or holds settings out of range fails the
 * open with a sentence naming it (a node must not run calls on settings nobody chose). Thread-safe: writes are
 * serialised; readers see the last durable value.
 */
public final class FileCallFlowSettingsStore implements CallFlowSettingsStore {

    private static final Logger log = LoggerFactory.getLogger(FileCallFlowSettingsStore.class);

    private final Path file;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<CallFlowSettings> current;

    private FileCallFlowSettingsStore(Path file, Optional<CallFlowSettings> current) {
        this.file = file;
        this.current = current;
    }

    /** Opens (creating the folder when absent) the settings under {@code root}. */
    public static FileCallFlowSettingsStore open(Path root) throws IOException {
        FileLayout layout = new FileLayout(root);
        AtomicFiles.createDirectories(layout.settings());
        AtomicFiles.deleteTemps(layout.settings());
        Path file = layout.callFlowSettings();
        Optional<CallFlowSettings> stored = Optional.empty();
        if (Files.exists(file)) {
            try {
                stored = Optional.of(JsonCodec.read(file, CallFlowSettings.class));
            } catch (IOException e) {
                throw new IOException(e.getMessage() + " (fix or delete the file: the node's config then applies)", e);
            }
        }
        return new FileCallFlowSettingsStore(file, stored);
    }

    @Override
    public Optional<CallFlowSettings> get() {
        return current;
    }

    @Override
    public void put(CallFlowSettings settings) {
        Objects.requireNonNull(settings, "settings");
        synchronized (this) {
            if (current.equals(Optional.of(settings))) {
                return;
            }
            try {
                JsonCodec.write(file, settings);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store the call-flow settings in " + file + ": "
                        + e.getMessage(), e);
            }
            current = Optional.of(settings);
        }
        log.info("call-flow settings set: {}", settings);
        changed();
    }

    @Override
    public boolean clear() {
        synchronized (this) {
            if (current.isEmpty()) {
                return false;
            }
            try {
                AtomicFiles.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
            }
            current = Optional.empty();
        }
        log.info("call-flow settings cleared: the node's config applies");
        changed();
        return true;
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.error("a call-flow settings listener failed", e);
            }
        }
    }
}
