package postbox.store.nats;

import io.nats.client.KeyValue;
import io.nats.client.ObjectStore;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.MirrorInfo;
import io.nats.client.api.ObjectInfo;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.CallFlowSettings;
import postbox.store.CallFlowSettingsStore;
import postbox.store.GreetingStore;
import postbox.store.MailboxDirectory;
import postbox.store.MailboxEntry;

/**
 * Runs on the backup: keeps its local directory and greetings equal to the primary's, so they are the source of
 * truth when the backup takes over while NATS is down. It watches the config KV bucket and reads the greetings
 * Object Store <em>in its own JetStream</em>: with a primary domain (leaf deployment) these are mirrors it creates
 * (a KV mirror, and a stream mirroring the Object Store's stream); with one shared server ({@code primaryDomain}
 * null) they are the primary's buckets themselves. Every entry is applied: {@code settings.call-flow} stores or clears
 * the call-flow settings, {@code mailbox.*} restores or deletes a mailbox (preferences included), {@code greeting.*}
 * fetches the audio by its object name and checks its SHA-256 before storing it, or
 * deletes the greeting. Applying is idempotent (what already matches is left alone), and after every reconnect the
 * watch starts over from the bucket's current state, so the backup catches up by itself.
 *
 * <p>Thread-safe: the watch only queues entries (the newest per key); all applying runs on the mirror's own thread.
 */
public final class ConfigMirror implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigMirror.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration AWAIT_OBJECT = Duration.ofMillis(200);
    private static final Duration IDLE = Duration.ofMinutes(5);
    /** How often a backup with mirrors checks that they are connected to their sources. */
    private static final Duration MIRROR_CHECK = Duration.ofSeconds(1);
    /** A mirror heard from its source within this is connected (sources send heartbeats every few seconds). */
    private static final Duration MIRROR_ACTIVE = Duration.ofSeconds(10);

    /** What applying an entry did. */
    private enum Outcome { CHANGED, UNCHANGED, WAITING }

    private final NatsLink link;
    private final Network network;
    private final String primaryDomain;
    private final MailboxDirectory directory;
    private final GreetingStore greetings;
    private final CallFlowSettingsStore callFlow;
    private final Clock clock;
    /** Key → newest entry not yet applied; guarded by itself. */
    private final Map<String, KeyValueEntry> pending = new LinkedHashMap<>();
    /** Greeting key → SHA-256 of what the mirror stored, forgotten when the local greeting changes. */
    private final ConcurrentMap<String, String> appliedGreetings = new ConcurrentHashMap<>();
    private final AtomicLong entriesApplied = new AtomicLong();
    private volatile Instant lastAppliedAt;
    private volatile long lastLagMs = -1;
    private volatile boolean restartWatch = true;
    private volatile boolean replayed;
    /** With one shared server always true; with mirrors, whether both mirror their source without lag now. */
    private volatile boolean mirrorsActive;
    private volatile int generation;
    private volatile boolean closed;
    private WorkLoop loop;
    private volatile NatsKeyValueWatchSubscription watch;
    private ObjectStore localObjects;
    private ObjectStore primaryObjects;

    private ConfigMirror(NatsLink link, Network network, String primaryDomain, MailboxDirectory directory,
                         GreetingStore greetings, CallFlowSettingsStore callFlow, Clock clock) {
        this.link = link;
        this.network = network;
        this.primaryDomain = primaryDomain;
        this.directory = directory;
        this.greetings = greetings;
        this.callFlow = callFlow;
        this.clock = clock;
        this.mirrorsActive = primaryDomain == null;
    }

    /**
     * Starts mirroring in the background and returns at once (NATS may be down).
     *
     * @param network       the network name ({@link Network})
     * @param primaryDomain the primary's JetStream domain (leaf deployment), or null when both nodes share one
     *                      server
     */
    public static ConfigMirror start(NatsLink link, String network, String primaryDomain,
                                     MailboxDirectory directory, GreetingStore greetings,
                                     CallFlowSettingsStore callFlow) {
        ConfigMirror mirror = new ConfigMirror(Objects.requireNonNull(link, "link"), new Network(network),
                primaryDomain, Objects.requireNonNull(directory, "directory"),
                Objects.requireNonNull(greetings, "greetings"), Objects.requireNonNull(callFlow, "callFlow"),
                Clock.systemUTC());
        greetings.addListener((mailbox, kind) ->
                mirror.appliedGreetings.remove(new ConfigKey.GreetingKey(mailbox, kind).key()));
        mirror.loop = WorkLoop.start("config-mirror", RETRY, mirror::step);
        link.addConnectListener(mirror::reconnected);
        return mirror;
    }

    /** Where mirroring stands. */
    public MirrorStats stats() {
        boolean empty;
        synchronized (pending) {
            empty = pending.isEmpty();
        }
        return new MirrorStats(lastAppliedAt, lastLagMs, entriesApplied.get(),
                link.connected() && replayed && !restartWatch && empty && mirrorsActive);
    }

    /** Stops watching and applying. */
    @Override
    public void close() {
        closed = true;
        loop.close();
        stopWatch();
    }

    private void reconnected() {
        if (!closed) {
            restartWatch = true;
            loop.signal();
        }
    }

    private Duration step() throws Exception {
        if (!link.connected()) {
            return IDLE;
        }
        if (restartWatch) {
            startWatch();
        }
        boolean done = applyPending();
        if (primaryDomain == null) {
            return done ? IDLE : AWAIT_OBJECT;
        }
        mirrorsActive = mirrorActive(Buckets.configStream(network)) && mirrorActive(Buckets.greetingsStream(network));
        return done ? MIRROR_CHECK : AWAIT_OBJECT;
    }

    /**
     * Whether a local mirror stream is connected to its source and has no lag (the server reports a negative
     * activity age until the mirror's consumer on the source is set up, which after a restart of the backup's
     * server takes a few seconds).
     */
    private boolean mirrorActive(String stream) throws Exception {
        MirrorInfo info = link.jetStreamManagement(null).getStreamInfo(stream).getMirrorInfo();
        if (info == null || info.getError() != null || info.getLag() != 0) {
            return false;
        }
        Duration active = info.getActive();
        return active != null && !active.isNegative() && active.compareTo(MIRROR_ACTIVE) < 0;
    }

    private void startWatch() throws Exception {
        stopWatch();
        replayed = false;
        mirrorsActive = primaryDomain == null;
        if (primaryDomain != null) {
            Buckets.ensureMirrors(link, network, primaryDomain);
        }
        KeyValue bucket = link.keyValue(network.configBucket(), null);
        localObjects = link.objectStore(network.greetingsBucket(), null);
        primaryObjects = null;
        int current = ++generation;
        watch = bucket.watchAll(new EntryWatcher(current));
        restartWatch = false;
        log.info("watching {} in the local JetStream ({})", network.configBucket(),
                primaryDomain == null ? "the primary's own bucket" : "a mirror of domain " + primaryDomain);
    }

    private void stopWatch() {
        NatsKeyValueWatchSubscription old = watch;
        watch = null;
        if (old != null) {
            try {
                old.unsubscribe();
            } catch (RuntimeException e) {
                log.debug("closing the old watch: {}", e.toString());
            }
        }
    }

    /** Applies what is queued; false when some greeting waits for its audio to arrive. */
    private boolean applyPending() throws Exception {
        List<KeyValueEntry> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending.values());
        }
        boolean done = true;
        for (KeyValueEntry entry : batch) {
            Outcome outcome = apply(entry);
            if (outcome == Outcome.WAITING) {
                done = false;
                continue;
            }
            if (outcome == Outcome.CHANGED) {
                Instant now = clock.instant();
                lastLagMs = Duration.between(entry.getCreated().toInstant(), now).toMillis();
                lastAppliedAt = now;
                entriesApplied.incrementAndGet();
            }
            synchronized (pending) {
                pending.remove(entry.getKey(), entry);
            }
        }
        return done;
    }

    private Outcome apply(KeyValueEntry entry) throws Exception {
        Optional<ConfigKey> key = ConfigKey.parse(entry.getKey());
        if (key.isEmpty()) {
            log.debug("ignoring unknown config key {}", entry.getKey());
            return Outcome.UNCHANGED;
        }
        boolean put = entry.getOperation() == KeyValueOperation.PUT;
        try {
            return switch (key.get()) {
                case ConfigKey.MailboxKey mailbox -> put ? restore(mailbox, entry.getValue()) : delete(mailbox);
                case ConfigKey.GreetingKey greeting -> put ? storeGreeting(greeting, entry.getValue())
                        : deleteGreeting(greeting);
                case ConfigKey.CallFlowKey settings -> put ? storeCallFlow(entry.getValue()) : clearCallFlow();
            };
        } catch (MalformedEntryException e) {
            log.error("ignoring config entry {}: {}", entry.getKey(), e.getMessage());
            return Outcome.UNCHANGED;
        }
    }

    private Outcome restore(ConfigKey.MailboxKey key, byte[] value) throws MalformedEntryException {
        MailboxEntry entry = parse(value, MailboxEntry.class);
        if (!entry.id().equals(key.id())) {
            throw new MalformedEntryException("it holds mailbox " + entry.id());
        }
        if (directory.export(key.id()).equals(Optional.of(entry))) {
            return Outcome.UNCHANGED;
        }
        directory.restore(entry);
        return Outcome.CHANGED;
    }

    private Outcome delete(ConfigKey.MailboxKey key) {
        if (directory.find(key.id()).isEmpty()) {
            return Outcome.UNCHANGED;
        }
        directory.delete(key.id());
        return Outcome.CHANGED;
    }

    private Outcome storeCallFlow(byte[] value) throws MalformedEntryException {
        CallFlowSettings settings = parse(value, CallFlowSettings.class);
        if (callFlow.get().equals(Optional.of(settings))) {
            return Outcome.UNCHANGED;
        }
        callFlow.put(settings);
        return Outcome.CHANGED;
    }

    private Outcome clearCallFlow() {
        return callFlow.clear() ? Outcome.CHANGED : Outcome.UNCHANGED;
    }

    private Outcome storeGreeting(ConfigKey.GreetingKey key, byte[] value) throws Exception {
        GreetingRef ref = parse(value, GreetingRef.class);
        if (ref.sha256().equals(appliedGreetings.get(key.key()))) {
            return Outcome.UNCHANGED;
        }
        Optional<InputStream> local = greetings.open(key.mailbox(), key.kind());
        if (local.isPresent()) {
            try (InputStream in = local.get()) {
                if (ref.matches(in.readAllBytes())) {
                    appliedGreetings.put(key.key(), ref.sha256());
                    return Outcome.UNCHANGED;
                }
            }
        }
        byte[] wav = fetch(ref);
        if (wav == null) {
            return Outcome.WAITING;
        }
        try {
            greetings.put(key.mailbox(), key.kind(), new ByteArrayInputStream(wav));
        } catch (IllegalArgumentException e) {
            throw new MalformedEntryException("its audio is not a usable WAV: " + e.getMessage());
        }
        appliedGreetings.put(key.key(), ref.sha256());
        return Outcome.CHANGED;
    }

    private Outcome deleteGreeting(ConfigKey.GreetingKey key) throws IOException {
        appliedGreetings.remove(key.key());
        return greetings.delete(key.mailbox(), key.kind()) ? Outcome.CHANGED : Outcome.UNCHANGED;
    }

    /**
     * The audio {@code ref} names, checked, from the local store; from the primary's when the local mirror lacks it
     * (not arrived yet, or its oldest chunks dropped); null when neither has it now.
     */
    private byte[] fetch(GreetingRef ref) throws InterruptedException {
        byte[] wav = read(localObjects, ref);
        if (wav == null && primaryDomain != null) {
            try {
                if (primaryObjects == null) {
                    primaryObjects = link.objectStore(network.greetingsBucket(), primaryDomain);
                }
                wav = read(primaryObjects, ref);
            } catch (IOException e) {
                log.debug("the primary's greetings are not reachable: {}", e.toString());
            }
        }
        return wav;
    }

    private static byte[] read(ObjectStore store, GreetingRef ref) throws InterruptedException {
        try {
            ObjectInfo info = store.getInfo(ref.object());
            if (info == null || info.isDeleted()) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(ref.size(), Integer.MAX_VALUE));
            store.get(ref.object(), out);
            byte[] wav = out.toByteArray();
            if (!ref.matches(wav)) {
                log.warn("greeting object {} in {} does not match its SHA-256; not used", ref.object(),
                        store.getBucketName());
                return null;
            }
            return wav;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.debug("greeting object {} not readable yet: {}", ref.object(), e.toString());
            return null;
        }
    }

    private static <T> T parse(byte[] value, Class<T> type) throws MalformedEntryException {
        try {
            return SyncJson.read(value, type);
        } catch (IOException e) {
            throw new MalformedEntryException(e.getMessage());
        }
    }

    /** An entry this node cannot make sense of (logged and skipped, never retried). */
    private static final class MalformedEntryException extends Exception {
        MalformedEntryException(String message) {
            super(message);
        }
    }

    /** Queues the watched entries of one watch generation; runs on a jnats dispatcher thread. */
    private final class EntryWatcher implements KeyValueWatcher {
        private final int watchGeneration;

        EntryWatcher(int watchGeneration) {
            this.watchGeneration = watchGeneration;
        }

        @Override
        public void watch(KeyValueEntry entry) {
            if (watchGeneration == generation) {
                synchronized (pending) {
                    pending.remove(entry.getKey());
                    pending.put(entry.getKey(), entry);
                }
                loop.signal();
            }
        }

        @Override
        public void endOfData() {
            if (watchGeneration == generation) {
                replayed = true;
                loop.signal();
            }
        }
    }
}
