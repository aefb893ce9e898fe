package postbox.store.nats;

import io.nats.client.KeyValue;
import io.nats.client.ObjectStore;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.CallFlowSettingsStore;
import postbox.store.GreetingKind;
import postbox.store.GreetingStore;
import postbox.store.Mailbox;
import postbox.store.MailboxDirectory;

/**
 * Runs on the primary: publishes its configuration for the backup. At start (once NATS is reachable) it creates the
 * config KV bucket and the greetings Object Store when absent and reconciles fully: the call-flow settings an admin
 * set become {@code settings.call-flow} = {@link postbox.store.CallFlowSettings} JSON, every mailbox (preferences
 * included) {@code mailbox.<id>} = {@link postbox.store.MailboxEntry} JSON, every greeting {@code greeting.<id>.<kind>} =
 * {@link GreetingRef} JSON with its audio stored under a content-addressed object name; keys of mailboxes and
 * greetings that are gone are deleted (greetings are published only for mailboxes that exist), and so are objects no greeting refers to. Then it publishes every change the
 * directory and greeting listeners report. While NATS is down changes collect in a set of dirty keys, published on
 * reconnect. Greeting deletes reach the backup as KV deletes (Object Store deletes are not mirrored); superseded
 * audio is deleted on the primary, and the store is bounded ({@link Buckets#GREETINGS_MAX_BYTES}).
 *
 * <p>Thread-safe: listeners only mark keys dirty; all NATS work runs on the publisher's own thread.
 */
public final class ConfigPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigPublisher.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration IDLE = Duration.ofMinutes(5);

    private final NatsLink link;
    private final Network network;
    private final MailboxDirectory directory;
    private final GreetingStore greetings;
    private final CallFlowSettingsStore callFlow;
    private final Clock clock;
    private final Set<ConfigKey> dirty = ConcurrentHashMap.newKeySet();
    /** Key → JSON value as it is in the bucket; publisher thread only. */
    private final Map<String, String> published = new HashMap<>();
    private final AtomicLong changesPublished = new AtomicLong();
    private volatile Instant lastPublishedAt;
    private volatile boolean reconciled;
    private volatile boolean closed;
    private WorkLoop loop;
    private KeyValue bucket;
    private ObjectStore objects;

    private ConfigPublisher(NatsLink link, Network network, MailboxDirectory directory, GreetingStore greetings,
                            CallFlowSettingsStore callFlow, Clock clock) {
        this.link = link;
        this.network = network;
        this.directory = directory;
        this.greetings = greetings;
        this.callFlow = callFlow;
        this.clock = clock;
    }

    /**
     * Starts publishing in the background and returns at once (NATS may be down).
     *
     * @param network the network name ({@link Network})
     */
    public static ConfigPublisher start(NatsLink link, String network, MailboxDirectory directory,
                                        GreetingStore greetings, CallFlowSettingsStore callFlow) {
        ConfigPublisher publisher = new ConfigPublisher(Objects.requireNonNull(link, "link"), new Network(network),
                Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(greetings, "greetings"),
                Objects.requireNonNull(callFlow, "callFlow"), Clock.systemUTC());
        publisher.loop = WorkLoop.start("config-publisher", RETRY, publisher::step);
        directory.addListener(id -> publisher.changed(new ConfigKey.MailboxKey(id)));
        greetings.addListener((mailbox, kind) -> publisher.changed(new ConfigKey.GreetingKey(mailbox, kind)));
        callFlow.addListener(() -> publisher.changed(ConfigKey.CallFlowKey.KEY));
        link.addConnectListener(publisher::wake);
        return publisher;
    }

    /** Where publishing stands. */
    public PublisherStats stats() {
        return new PublisherStats(lastPublishedAt, dirty.size(), changesPublished.get(), reconciled);
    }

    /** Stops listening and publishing; changes not yet published are dropped (the next start reconciles). */
    @Override
    public void close() {
        closed = true;
        loop.close();
    }

    private void changed(ConfigKey key) {
        if (!closed) {
            dirty.add(key);
            loop.signal();
        }
    }

    private void wake() {
        if (!closed) {
            loop.signal();
        }
    }

    private Duration step() throws Exception {
        if (!link.connected()) {
            return IDLE;
        }
        try {
            if (bucket == null) {
                Buckets.ensureConfig(link, network);
                Buckets.ensureGreetings(link, network);
                bucket = link.keyValue(network.configBucket(), null);
                objects = link.objectStore(network.greetingsBucket(), null);
            }
            if (!reconciled) {
                reconcile();
                reconciled = true;
            }
            publishDirty();
        } catch (Exception e) {
            bucket = null;
            objects = null;
            throw e;
        }
        return IDLE;
    }

    private void reconcile() throws Exception {
        Map<String, String> remote = readBucket();
        published.clear();
        published.putAll(remote);
        List<String> stored = objects.getList().stream().filter(info -> !info.isDeleted())
                .map(ObjectInfo::getObjectName).toList();
        ReconcilePlan plan = ReconcilePlan.of(desiredState(), remote, stored);
        for (String key : plan.keysToPublish()) {
            published.remove(key);
            dirty.add(ConfigKey.parse(key).orElseThrow());
        }
        for (String key : plan.keysToDelete()) {
            dirty.add(ConfigKey.parse(key).orElseThrow());
        }
        publishDirty();
        for (String object : plan.objectsToDelete()) {
            deleteIfUnreferenced(object);
        }
        log.info("config of network {} reconciled: {} keys published, {} deleted, {} unused objects deleted",
                network.name(), plan.keysToPublish().size(), plan.keysToDelete().size(),
                plan.objectsToDelete().size());
    }

    private Map<String, String> readBucket() throws Exception {
        Map<String, String> values = new HashMap<>();
        for (String key : bucket.keys()) {
            KeyValueEntry entry = bucket.get(key);
            if (entry != null && entry.getOperation() == KeyValueOperation.PUT) {
                values.put(key, entry.getValueAsString());
            }
        }
        return values;
    }

    private Map<String, String> desiredState() throws IOException {
        Map<String, String> desired = new HashMap<>();
        callFlow.get().ifPresent(settings -> desired.put(ConfigKey.CallFlowKey.KEY.key(), SyncJson.write(settings)));
        for (Mailbox mailbox : directory.list()) {
            directory.export(mailbox.id()).ifPresent(entry ->
                    desired.put(new ConfigKey.MailboxKey(mailbox.id()).key(), SyncJson.write(entry)));
            for (GreetingKind kind : greetings.kinds(mailbox.id())) {
                Optional<byte[]> wav = readGreeting(mailbox.id(), kind);
                if (wav.isPresent()) {
                    desired.put(new ConfigKey.GreetingKey(mailbox.id(), kind).key(),
                            SyncJson.write(GreetingRef.of(wav.get())));
                }
            }
        }
        return desired;
    }

    /** Publishes until no key is dirty (publishing a mailbox may make its greetings dirty). */
    private void publishDirty() throws Exception {
        while (!dirty.isEmpty()) {
            for (ConfigKey key : List.copyOf(dirty)) {
                dirty.remove(key);
                try {
                    publish(key);
                } catch (Exception e) {
                    dirty.add(key);
                    throw e;
                }
            }
        }
    }

    private void publish(ConfigKey key) throws Exception {
        String name = key.key();
        String current = published.get(name);
        switch (key) {
            case ConfigKey.MailboxKey mailbox -> {
                Optional<String> value = directory.export(mailbox.id()).map(SyncJson::write);
                if (value.isPresent() != (current != null)) {
                    greetingsFollow(mailbox.id());
                }
                putOrDelete(name, current, value);
            }
            case ConfigKey.CallFlowKey settings -> putOrDelete(name, current, callFlow.get().map(SyncJson::write));
            case ConfigKey.GreetingKey greeting -> {
                Optional<byte[]> wav = directory.find(greeting.mailbox()).isPresent()
                        ? readGreeting(greeting.mailbox(), greeting.kind()) : Optional.empty();
                if (wav.isPresent()) {
                    GreetingRef ref = GreetingRef.of(wav.get());
                    String value = SyncJson.write(ref);
                    if (!value.equals(current)) {
                        storeObject(ref, wav.get());
                        put(name, value);
                        deleteIfUnreferenced(ReconcilePlan.objectOf(name, current));
                    }
                } else if (current != null) {
                    delete(name);
                    deleteIfUnreferenced(ReconcilePlan.objectOf(name, current));
                }
            }
        }
    }

    /**
     * Marks a mailbox's greetings dirty when the mailbox appears or disappears: greetings are published only for
     * mailboxes that exist (a deleted mailbox's greeting files may stay on disk).
     */
    private void greetingsFollow(String mailbox) {
        for (GreetingKind kind : GreetingKind.values()) {
            dirty.add(new ConfigKey.GreetingKey(mailbox, kind));
        }
    }

    /** Makes the bucket's {@code key} hold {@code value} (deleted when empty), writing only when it differs. */
    private void putOrDelete(String key, String current, Optional<String> value) throws Exception {
        if (value.isPresent() && !value.get().equals(current)) {
            put(key, value.get());
        } else if (value.isEmpty() && current != null) {
            delete(key);
        }
    }

    private void put(String key, String value) throws Exception {
        bucket.put(key, value);
        published.put(key, value);
        noteChange();
        log.debug("published {}", key);
    }

    private void delete(String key) throws Exception {
        bucket.delete(key);
        published.remove(key);
        noteChange();
        log.debug("deleted {}", key);
    }

    private void noteChange() {
        changesPublished.incrementAndGet();
        lastPublishedAt = clock.instant();
    }

    private void storeObject(GreetingRef ref, byte[] wav) throws Exception {
        ObjectInfo info = objects.getInfo(ref.object());
        if (info == null || info.isDeleted()) {
            objects.put(ObjectMeta.objectName(ref.object()), new ByteArrayInputStream(wav));
        }
    }

    private void deleteIfUnreferenced(String object) throws Exception {
        if (object == null) {
            return;
        }
        for (Map.Entry<String, String> entry : published.entrySet()) {
            if (object.equals(ReconcilePlan.objectOf(entry.getKey(), entry.getValue()))) {
                return;
            }
        }
        ObjectInfo info = objects.getInfo(object);
        if (info != null && !info.isDeleted()) {
            objects.delete(object);
            log.debug("deleted unused greeting object {}", object);
        }
    }

    private Optional<byte[]> readGreeting(String mailbox, GreetingKind kind) throws IOException {
        Optional<InputStream> in = greetings.open(mailbox, kind);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream wav = in.get()) {
            return Optional.of(wav.readAllBytes());
        }
    }
}
