package postbox.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.DirectoryListener;
import postbox.store.Mailbox;
import postbox.store.MailboxDirectory;
import postbox.store.MailboxEntry;
import postbox.store.MailboxId;
import postbox.store.MailboxPreferences;
import postbox.store.PinCheck;
import postbox.store.PinHasher;
import postbox.store.PinPolicy;

/**
 * The embedded mailbox directory: one {@code root/mailboxes/<id>/mailbox.json} per mailbox (name, PIN hash,
 * previous PIN hash, failure counter, lockout end), written atomically, cached in memory. Five consecutive wrong
 * PINs lock a mailbox for {@link #LOCKOUT}; after the lockout ends the count starts again from zero. A new PIN
 * must not match the current PIN nor the one before it. Thread-safe: operations on one mailbox are serialized
 * (so guesses against one mailbox queue behind the slow hash); different mailboxes proceed in parallel.
 * {@link DirectoryListener}s are called on the changing thread after the mailbox's lock is released.
 */
public final class FileMailboxDirectory implements MailboxDirectory {

    /** Consecutive wrong PINs that lock a mailbox. */
    public static final int MAX_FAILURES = 5;
    /** How long a lockout lasts. */
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(FileMailboxDirectory.class);
    private static final Comparator<String> BY_NUMBER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private final FileLayout layout;
    private final Clock clock;
    private final PinHasher hasher;
    private final ConcurrentMap<String, MailboxRecord> records = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final List<DirectoryListener> listeners = new CopyOnWriteArrayList<>();

    private FileMailboxDirectory(FileLayout layout, Clock clock, PinHasher hasher) {
        this.layout = layout;
        this.clock = clock;
        this.hasher = hasher;
    }

    /**
     * Opens (creating when absent) the directory under {@code root}. A mailbox file that cannot be read is
     * logged with its path and skipped.
     *
     * @param clock  decides lockouts
     * @param hasher hashes new PINs and checks entered ones
     */
    public static FileMailboxDirectory open(Path root, Clock clock, PinHasher hasher) throws IOException {
        FileMailboxDirectory directory = new FileMailboxDirectory(new FileLayout(root),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(hasher, "hasher"));
        directory.load();
        return directory;
    }

    /** {@inheritDoc} An invalid id finds nothing. */
    @Override
    public Optional<Mailbox> find(String id) {
        return MailboxId.isValid(id) ? Optional.ofNullable(records.get(id)).map(this::toMailbox) : Optional.empty();
    }

    @Override
    public List<Mailbox> list() {
        return records.values().stream()
                .sorted(Comparator.comparing(MailboxRecord::id, BY_NUMBER))
                .map(this::toMailbox)
                .toList();
    }

    @Override
    public Mailbox create(String id, String name, String pin) {
        MailboxId.check(id);
        Objects.requireNonNull(name, "name");
        PinPolicy.check(id, pin, candidate -> false);
        Mailbox created = locked(id, () -> {
            if (records.containsKey(id) || Files.exists(layout.mailboxFile(id))) {
                throw new IllegalArgumentException("mailbox " + id + " already exists");
            }
            MailboxRecord record = new MailboxRecord(id, name, hasher.hash(pin), null, 0, null,
                    MailboxPreferences.NONE);
            AtomicFiles.createDirectories(layout.mailbox(id));
            save(record);
            log.info("created mailbox {}", id);
            return toMailbox(record);
        });
        changed(id);
        return created;
    }

    /** {@inheritDoc} An invalid id is {@link PinCheck#NO_MAILBOX}. */
    @Override
    public PinCheck verifyPin(String id, String pin) {
        Objects.requireNonNull(pin, "pin");
        if (!MailboxId.isValid(id)) {
            return PinCheck.NO_MAILBOX;
        }
        return locked(id, () -> {
            MailboxRecord stored = records.get(id);
            if (stored == null) {
                return PinCheck.NO_MAILBOX;
            }
            MailboxRecord record = stored;
            Instant now = clock.instant();
            if (record.lockedUntil() != null) {
                if (now.isBefore(record.lockedUntil())) {
                    return PinCheck.LOCKED;
                }
                record = record.withFailures(0, null);
            }
            if (hasher.matches(pin, record.pinHash())) {
                MailboxRecord reset = record.withFailures(0, null);
                if (!reset.equals(stored)) {
                    save(reset);
                }
                return PinCheck.OK;
            }
            int failures = record.failures() + 1;
            if (failures >= MAX_FAILURES) {
                Instant until = now.plus(LOCKOUT);
                save(record.withFailures(failures, until));
                log.warn("mailbox {} locked until {} after {} wrong PINs in a row", id, until, failures);
            } else {
                save(record.withFailures(failures, null));
            }
            return PinCheck.WRONG;
        });
    }

    /**
     * {@inheritDoc} The new PIN must differ from the current one and from the one before it. Throws
     * {@link NoSuchElementException} for an unknown mailbox.
     */
    @Override
    public void changePin(String id, String newPin) {
        MailboxId.check(id);
        locked(id, () -> {
            MailboxRecord record = require(id);
            PinPolicy.check(id, newPin, candidate -> hasher.matches(candidate, record.pinHash())
                    || (record.previousPinHash() != null && hasher.matches(candidate, record.previousPinHash())));
            save(record.withPin(hasher.hash(newPin)));
            log.info("changed the PIN of mailbox {}", id);
            return null;
        });
        changed(id);
    }

    /** {@inheritDoc} Throws {@link NoSuchElementException} for an unknown mailbox. */
    @Override
    public void unlock(String id) {
        MailboxId.check(id);
        locked(id, () -> {
            save(require(id).withFailures(0, null));
            log.info("unlocked mailbox {}", id);
            return null;
        });
    }

    /** {@inheritDoc} Throws {@link NoSuchElementException} for an unknown mailbox. */
    @Override
    public void delete(String id) {
        MailboxId.check(id);
        locked(id, () -> {
            require(id);
            AtomicFiles.delete(layout.mailboxFile(id));
            records.remove(id);
            log.info("deleted mailbox {}", id);
            return null;
        });
        changed(id);
    }

    /** {@inheritDoc} Throws {@link NoSuchElementException} for an unknown mailbox. */
    @Override
    public void rename(String id, String name) {
        Objects.requireNonNull(name, "name");
        update(id, record -> record.withName(name), "renamed");
    }

    /** {@inheritDoc} Throws {@link NoSuchElementException} for an unknown mailbox. */
    @Override
    public void setPreferences(String id, MailboxPreferences preferences) {
        Objects.requireNonNull(preferences, "preferences");
        update(id, record -> record.withPreferences(preferences), "set the preferences of");
    }

    /** Saves {@code change} of an existing mailbox's record and tells the listeners, unless it changes nothing. */
    private void update(String id, UnaryOperator<MailboxRecord> change, String done) {
        MailboxId.check(id);
        boolean changed = locked(id, () -> {
            MailboxRecord record = require(id);
            MailboxRecord updated = change.apply(record);
            if (updated.equals(record)) {
                return false;
            }
            save(updated);
            log.info("{} mailbox {}", done, id);
            return true;
        });
        if (changed) {
            changed(id);
        }
    }

    /** {@inheritDoc} An invalid id exports nothing. */
    @Override
    public Optional<MailboxEntry> export(String id) {
        if (!MailboxId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(records.get(id))
                .map(record -> new MailboxEntry(record.id(), record.name(), record.pinHash(),
                        record.previousPinHash(), record.preferences()));
    }

    @Override
    public void restore(MailboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        String id = entry.id();
        boolean restored = locked(id, () -> {
            MailboxRecord existing = records.get(id);
            MailboxRecord record = existing == null
                    ? new MailboxRecord(id, entry.name(), entry.pinHash(), entry.previousPinHash(), 0, null,
                            entry.preferences())
                    : new MailboxRecord(id, entry.name(), entry.pinHash(), entry.previousPinHash(),
                            existing.failures(), existing.lockedUntil(), entry.preferences());
            if (record.equals(existing)) {
                return false;
            }
            AtomicFiles.createDirectories(layout.mailbox(id));
            save(record);
            log.info("restored mailbox {} from a synced entry", id);
            return true;
        });
        if (restored) {
            changed(id);
        }
    }

    @Override
    public void addListener(DirectoryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed(String id) {
        for (DirectoryListener listener : listeners) {
            try {
                listener.mailboxChanged(id);
            } catch (RuntimeException e) {
                log.error("a directory listener failed for mailbox {}", id, e);
            }
        }
    }

    private void load() throws IOException {
        AtomicFiles.createDirectories(layout.mailboxes());
        for (Path dir : AtomicFiles.list(layout.mailboxes())) {
            String id = dir.getFileName().toString();
            if (!Files.isDirectory(dir) || !MailboxId.isValid(id)) {
                continue;
            }
            AtomicFiles.deleteTemps(dir);
            Path file = layout.mailboxFile(id);
            if (Files.exists(file)) {
                try {
                    records.put(id, read(file, id));
                } catch (IOException e) {
                    log.error("skipping mailbox file {}: {}", file, e.getMessage());
                }
            }
        }
        log.info("mailbox directory at {}: {} mailboxes", layout.root(), records.size());
    }

    private static MailboxRecord read(Path file, String id) throws IOException {
        MailboxRecord record = JsonCodec.read(file, MailboxRecord.class);
        if (!id.equals(record.id()) || record.name() == null || record.pinHash() == null
                || record.failures() < 0) {
            throw new IOException(file + " is not a complete record of mailbox " + id);
        }
        return record;
    }

    private void save(MailboxRecord record) throws IOException {
        JsonCodec.write(layout.mailboxFile(record.id()), record);
        records.put(record.id(), record);
    }

    private MailboxRecord require(String id) {
        MailboxRecord record = records.get(id);
        if (record == null) {
            throw new NoSuchElementException("no mailbox " + id);
        }
        return record;
    }

    private Mailbox toMailbox(MailboxRecord record) {
        Instant until = record.lockedUntil();
        boolean locked = until != null && clock.instant().isBefore(until);
        return new Mailbox(record.id(), record.name(), locked ? until : null, record.preferences());
    }

    /** A step on one mailbox that may do file I/O. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws IOException;
    }

    private <T> T locked(String id, Step<T> step) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        try {
            return step.run();
        } catch (IOException e) {
            throw new UncheckedIOException("mailbox " + id + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
