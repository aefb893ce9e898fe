package postbox.store.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.Deposit;
import postbox.store.CountsListener;
import postbox.store.DepositInfo;
import postbox.store.MailboxId;
import postbox.store.MessageCounts;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.MessageStore;

/**
 * The embedded message store: one WAV and one JSON sidecar per message under
 * {@code root/mailboxes/<mailbox>/messages/} (see {@link FileLayout}); a message exists iff its sidecar does.
 * Every sidecar write and file move is temp file, fsync, atomic rename, fsync of the folder, so a crash never
 * leaves half a message. {@link #open} recovers deposits a crash interrupted (keeping those of at least one
 * second) and builds an in-memory index from the sidecars. Thread-safe: writes lock their mailbox. One open
 * store per root: a second one (in this or another process) would take the first one's recordings in progress
 * for crashed ones.
 */
public final class FileMessageStore implements MessageStore {

    private static final Logger log = LoggerFactory.getLogger(FileMessageStore.class);
    private static final long MIN_RECOVERED_SAMPLES = WavHeader.SAMPLE_RATE;
    private static final Comparator<MessageInfo> OLDEST_FIRST =
            Comparator.comparing(MessageInfo::receivedAt).thenComparing(MessageInfo::id);

    private final FileLayout layout;
    private final Clock clock;
    private final List<CountsListener> listeners = new CopyOnWriteArrayList<>();
    private final MessageIds ids = new MessageIds();
    private final ConcurrentMap<String, Folder> folders = new ConcurrentHashMap<>();

    /** One mailbox's messages; writers hold the lock, readers read the concurrent map. */
    private static final class Folder {
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentMap<String, MessageInfo> messages = new ConcurrentHashMap<>();
    }

    private FileMessageStore(FileLayout layout, Clock clock) {
        this.layout = layout;
        this.clock = clock;
    }

    /**
     * Opens (creating when absent) the store under {@code root}: recovers interrupted deposits, deletes temp
     * files left by a crash, and indexes the messages. A sidecar that cannot be read is logged with its path and
     * skipped.
     *
     * @param clock gives the time stamp part of new message ids
     */
    public static FileMessageStore open(Path root, Clock clock) throws IOException {
        FileMessageStore store = new FileMessageStore(new FileLayout(root), Objects.requireNonNull(clock, "clock"));
        AtomicFiles.createDirectories(store.layout.incoming());
        AtomicFiles.createDirectories(store.layout.mailboxes());
        new DepositRecovery(store).run();
        store.index();
        return store;
    }

    @Override
    public Deposit begin(DepositInfo info) throws IOException {
        Objects.requireNonNull(info, "info");
        MailboxId.check(info.mailbox());
        Objects.requireNonNull(info.receivedAt(), "receivedAt");
        String id = ids.next(clock.instant());
        MessageInfo pending = new MessageInfo(id, info.mailbox(), Objects.requireNonNullElse(info.from(), ""),
                info.receivedAt(), 0, MessageState.NEW);
        return FileDeposit.begin(this, pending, layout.incoming(id, FileLayout.WAV),
                layout.incoming(id, FileLayout.JSON));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the WAV may be any WAV javax.sound.sampled reads (it is converted), and the stored duration is
     * that of the audio received.
     */
    @Override
    public MessageInfo put(MessageInfo info, InputStream wav) throws IOException {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(wav, "wav");
        MailboxId.check(info.mailbox());
        MessageIds.check(info.id());
        Objects.requireNonNull(info.receivedAt(), "receivedAt");
        Objects.requireNonNull(info.state(), "state");
        Folder folder = folder(info.mailbox());
        folder.lock.lock();
        try {
            MessageInfo existing = folder.messages.get(info.id());
            if (existing != null) {
                log.debug("message {} is already in mailbox {}; not stored again", info.id(), info.mailbox());
                return existing;
            }
            AtomicFiles.createDirectories(layout.messages(info.mailbox()));
            long samples = WavImport.store(wav, layout.message(info.mailbox(), info.id(), FileLayout.WAV));
            MessageInfo stored = new MessageInfo(info.id(), info.mailbox(), Objects.requireNonNullElse(info.from(),
                    ""), info.receivedAt(), WavHeader.millis(samples), info.state());
            JsonCodec.write(layout.message(info.mailbox(), info.id(), FileLayout.JSON), stored);
            folder.messages.put(stored.id(), stored);
        } finally {
            folder.lock.unlock();
        }
        changed(info.mailbox());
        return folder.messages.get(info.id());
    }

    @Override
    public List<MessageInfo> list(String mailbox) {
        MailboxId.check(mailbox);
        Folder folder = folders.get(mailbox);
        return folder == null ? List.of() : folder.messages.values().stream().sorted(OLDEST_FIRST).toList();
    }

    @Override
    public Optional<MessageInfo> find(String mailbox, String id) {
        MailboxId.check(mailbox);
        Objects.requireNonNull(id, "id");
        Folder folder = folders.get(mailbox);
        return folder == null ? Optional.empty() : Optional.ofNullable(folder.messages.get(id));
    }

    /** {@inheritDoc} Throws {@link NoSuchElementException} for an unknown message. */
    @Override
    public InputStream openAudio(String mailbox, String id) throws IOException {
        MessageInfo info = require(mailbox, id);
        return new BufferedInputStream(Files.newInputStream(layout.message(mailbox, info.id(), FileLayout.WAV)));
    }

    /** {@inheritDoc} Throws {@link NoSuchElementException} for an unknown message. */
    @Override
    public MessageInfo setState(String mailbox, String id, MessageState state) throws IOException {
        Objects.requireNonNull(state, "state");
        require(mailbox, id);
        Folder folder = folder(mailbox);
        folder.lock.lock();
        try {
            MessageInfo current = require(mailbox, id);
            if (current.state() == state) {
                return current;
            }
            MessageInfo updated = new MessageInfo(current.id(), current.mailbox(), current.from(),
                    current.receivedAt(), current.durationMs(), state);
            JsonCodec.write(layout.message(mailbox, id, FileLayout.JSON), updated);
            folder.messages.put(id, updated);
        } finally {
            folder.lock.unlock();
        }
        changed(mailbox);
        return folder.messages.get(id);
    }

    /** {@inheritDoc} The sidecar goes first (so the message no longer exists), then the audio. */
    @Override
    public void remove(String mailbox, String id) throws IOException {
        require(mailbox, id);
        Folder folder = folder(mailbox);
        folder.lock.lock();
        try {
            require(mailbox, id);
            AtomicFiles.delete(layout.message(mailbox, id, FileLayout.JSON));
            folder.messages.remove(id);
            AtomicFiles.delete(layout.message(mailbox, id, FileLayout.WAV));
        } finally {
            folder.lock.unlock();
        }
        log.info("removed message {} from mailbox {}", id, mailbox);
        changed(mailbox);
    }

    @Override
    public List<String> mailboxes() {
        return folders.entrySet().stream()
                .filter(entry -> !entry.getValue().messages.isEmpty())
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    @Override
    public MessageCounts counts(String mailbox) {
        int newCount = 0;
        int oldCount = 0;
        int savedCount = 0;
        for (MessageInfo info : list(mailbox)) {
            switch (info.state()) {
                case NEW -> newCount++;
                case OLD -> oldCount++;
                case SAVED -> savedCount++;
                case DELETED -> { }
            }
        }
        return new MessageCounts(newCount, oldCount, savedCount);
    }

    /**
     * The last steps of a commit (and of recovery): moves the finished WAV into the mailbox, writes the sidecar
     * that makes the message exist, indexes it, then deletes the deposit's incoming sidecar.
     */
    void file(MessageInfo info, Path wav, Path incomingSidecar) throws IOException {
        Folder folder = folder(info.mailbox());
        folder.lock.lock();
        try {
            AtomicFiles.createDirectories(layout.messages(info.mailbox()));
            Path target = layout.message(info.mailbox(), info.id(), FileLayout.WAV);
            if (!wav.equals(target)) {
                AtomicFiles.move(wav, target);
            }
            JsonCodec.write(layout.message(info.mailbox(), info.id(), FileLayout.JSON), info);
            folder.messages.put(info.id(), info);
        } finally {
            folder.lock.unlock();
        }
        AtomicFiles.delete(incomingSidecar);
        changed(info.mailbox());
    }

    @Override
    public void addListener(CountsListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed(String mailbox) {
        if (listeners.isEmpty()) {
            return;
        }
        MessageCounts counts = counts(mailbox);
        for (CountsListener listener : listeners) {
            try {
                listener.countsChanged(mailbox, counts);
            } catch (RuntimeException e) {
                log.error("a counts listener failed for mailbox {}", mailbox, e);
            }
        }
    }

    /**
     * Makes a WAV this store wrote consistent with its length: drops a torn last byte and patches the header
     * sizes (a crash can leave them zero). Returns the samples it holds.
     */
    static long repairWav(Path wav) throws IOException {
        try (FileChannel channel = FileChannel.open(wav, StandardOpenOption.WRITE)) {
            long samples = WavHeader.samplesIn(channel.size());
            long dataBytes = samples * WavHeader.BYTES_PER_SAMPLE;
            channel.truncate(WavHeader.BYTES + dataBytes);
            AtomicFiles.writeFully(channel, WavHeader.of(dataBytes), 0);
            channel.force(true);
            return samples;
        }
    }

    FileLayout layout() {
        return layout;
    }

    /** Whether a recovered deposit of {@code samples} is worth keeping (SPEC section 3: at least one second). */
    static boolean worthKeeping(long samples) {
        return samples >= MIN_RECOVERED_SAMPLES;
    }

    private void index() throws IOException {
        int messages = 0;
        for (Path dir : AtomicFiles.list(layout.mailboxes())) {
            String mailbox = dir.getFileName().toString();
            if (!Files.isDirectory(dir) || !MailboxId.isValid(mailbox)) {
                log.warn("ignoring {}: not a mailbox folder", dir);
                continue;
            }
            Path messagesDir = layout.messages(mailbox);
            AtomicFiles.deleteTemps(messagesDir);
            for (Path file : AtomicFiles.list(messagesDir)) {
                messages += indexFile(mailbox, file);
            }
        }
        log.info("message store at {}: {} messages in {} mailboxes", layout.root(), messages, folders.size());
    }

    private int indexFile(String mailbox, Path file) throws IOException {
        String sidecarId = FileLayout.stem(file, FileLayout.JSON);
        if (sidecarId != null) {
            try {
                MessageInfo info = readSidecar(file, mailbox, sidecarId);
                folder(mailbox).messages.put(info.id(), info);
                return 1;
            } catch (IOException e) {
                log.error("skipping message sidecar {}: {}", file, e.getMessage());
                return 0;
            }
        }
        String wavId = FileLayout.stem(file, FileLayout.WAV);
        if (wavId != null && MessageIds.isValid(wavId)
                && !Files.exists(file.resolveSibling(wavId + FileLayout.JSON))
                && !Files.exists(layout.incoming(wavId, FileLayout.JSON))) {
            AtomicFiles.delete(file);
            log.info("deleted {}: audio without a sidecar, left by an interrupted put", file);
        }
        return 0;
    }

    /** Reads a sidecar and checks it describes message {@code id} of {@code mailbox}. */
    static MessageInfo readSidecar(Path file, String mailbox, String id) throws IOException {
        MessageInfo info = JsonCodec.read(file, MessageInfo.class);
        if (info.id() == null || info.mailbox() == null || info.receivedAt() == null || info.state() == null
                || info.from() == null || info.durationMs() < 0) {
            throw new IOException(file + " lacks some of id, mailbox, from, receivedAt, durationMs, state");
        }
        if (!info.id().equals(id) || (mailbox != null && !info.mailbox().equals(mailbox))) {
            throw new IOException(file + " describes message " + info.id() + " of mailbox " + info.mailbox());
        }
        if (!MailboxId.isValid(info.mailbox())) {
            throw new IOException(file + " names an invalid mailbox '" + info.mailbox() + "'");
        }
        return info;
    }

    private Folder folder(String mailbox) {
        return folders.computeIfAbsent(mailbox, key -> new Folder());
    }

    private MessageInfo require(String mailbox, String id) {
        return find(mailbox, id).orElseThrow(() -> new NoSuchElementException(
                "no message " + id + " in mailbox " + mailbox));
    }
}
