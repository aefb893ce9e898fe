package postbox.store.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.GreetingKind;
import postbox.store.GreetingListener;
import postbox.store.GreetingStore;
import postbox.store.MailboxId;

/**
 * The embedded greeting store: {@code root/mailboxes/<id>/greetings/<kind>.wav}, always 8 kHz mono 16-bit
 * PCM. {@link #put} accepts any WAV that javax.sound.sampled reads and converts it; the file is replaced
 * atomically, so a reader gets the old greeting or the new one. Thread-safe (no shared state besides the files
 * and the listener list); {@link GreetingListener}s are called on the changing thread.
 */
public final class FileGreetingStore implements GreetingStore {

    private static final Logger log = LoggerFactory.getLogger(FileGreetingStore.class);

    private final FileLayout layout;
    private final List<GreetingListener> listeners = new CopyOnWriteArrayList<>();

    private FileGreetingStore(FileLayout layout) {
        this.layout = layout;
    }

    /** Opens (creating when absent) the greetings under {@code root}, deleting temp files a crash left. */
    public static FileGreetingStore open(Path root) throws IOException {
        FileLayout layout = new FileLayout(root);
        AtomicFiles.createDirectories(layout.mailboxes());
        for (Path dir : AtomicFiles.list(layout.mailboxes())) {
            String mailbox = dir.getFileName().toString();
            if (MailboxId.isValid(mailbox)) {
                AtomicFiles.deleteTemps(layout.greetings(mailbox));
            }
        }
        return new FileGreetingStore(layout);
    }

    @Override
    public Optional<InputStream> open(String mailbox, GreetingKind kind) throws IOException {
        Path file = layout.greeting(mailbox, Objects.requireNonNull(kind, "kind"));
        try {
            return Optional.of(new BufferedInputStream(Files.newInputStream(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** {@inheritDoc} Throws IllegalArgumentException "not a WAV file ..." or "cannot convert ...". */
    @Override
    public void put(String mailbox, GreetingKind kind, InputStream wav) throws IOException {
        Path file = layout.greeting(mailbox, Objects.requireNonNull(kind, "kind"));
        Objects.requireNonNull(wav, "wav");
        AtomicFiles.createDirectories(file.getParent());
        long samples = WavImport.store(wav, file);
        log.info("stored the {} greeting of mailbox {} ({} ms)", kind.token(), mailbox, WavHeader.millis(samples));
        changed(mailbox, kind);
    }

    @Override
    public boolean delete(String mailbox, GreetingKind kind) throws IOException {
        boolean deleted = AtomicFiles.delete(layout.greeting(mailbox, Objects.requireNonNull(kind, "kind")));
        if (deleted) {
            log.info("deleted the {} greeting of mailbox {}", kind.token(), mailbox);
            changed(mailbox, kind);
        }
        return deleted;
    }

    @Override
    public List<GreetingKind> kinds(String mailbox) {
        List<GreetingKind> kinds = new ArrayList<>();
        for (GreetingKind kind : GreetingKind.values()) {
            if (Files.isRegularFile(layout.greeting(mailbox, kind))) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    @Override
    public void addListener(GreetingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed(String mailbox, GreetingKind kind) {
        for (GreetingListener listener : listeners) {
            try {
                listener.greetingChanged(mailbox, kind);
            } catch (RuntimeException e) {
                log.error("a greeting listener failed for mailbox {}", mailbox, e);
            }
        }
    }
}
