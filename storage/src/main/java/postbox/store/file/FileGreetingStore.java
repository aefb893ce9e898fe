package postbox.store.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.GreetingKind;
import postbox.store.GreetingStore;
import postbox.store.MailboxId;

/**
 * The embedded greeting store: {@code root/mailboxes/<id>/greetings/<kind>.wav}, always 8 kHz mono 16-bit
 * PCM. {@link #put} accepts any WAV that javax.sound.sampled reads and converts it; the file is replaced
 * atomically, so a reader gets the old greeting or the new one. Thread-safe (no shared state besides the files).
 */
public final class FileGreetingStore implements GreetingStore {

    private static final Logger log = LoggerFactory.getLogger(FileGreetingStore.class);

    private final FileLayout layout;

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
    }

    @Override
    public boolean delete(String mailbox, GreetingKind kind) throws IOException {
        boolean deleted = AtomicFiles.delete(layout.greeting(mailbox, Objects.requireNonNull(kind, "kind")));
        if (deleted) {
            log.info("deleted the {} greeting of mailbox {}", kind.token(), mailbox);
        }
        return deleted;
    }
}
