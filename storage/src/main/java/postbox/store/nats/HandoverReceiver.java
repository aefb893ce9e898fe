package postbox.store.nats;

import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectStoreWatchOption;
import io.nats.client.api.ObjectStoreWatcher;
import io.nats.client.impl.NatsObjectStoreWatchSubscription;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.MessageInfo;
import postbox.store.MessageStore;

/**
 * Runs on the primary: takes every message the backup hands over. It creates the {@code <net>-handover} Object
 * Store when absent, then files every object in it (those there at start and each new one, seen through a watch
 * and a periodic listing) with {@link MessageStore#put} (idempotent by message id; the store's listeners then
 * re-send MWI for the mailbox) and deletes the object only after that. A crash in between leaves the object, which
 * is filed again harmlessly on the next start: each message ends up in the store exactly once.
 *
 * <p>Thread-safe: the watch only signals; all work runs on the receiver's own thread.
 */
public final class HandoverReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HandoverReceiver.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration RESCAN = Duration.ofSeconds(10);

    private final NatsLink link;
    private final Network network;
    private final MessageStore store;
    private final AtomicLong received = new AtomicLong();
    /** Objects that cannot be filed (bad metadata): logged once, left for an operator. */
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private WorkLoop loop;
    private ObjectStore bucket;
    private volatile NatsObjectStoreWatchSubscription watch;

    private HandoverReceiver(NatsLink link, Network network, MessageStore store) {
        this.link = link;
        this.network = network;
        this.store = store;
    }

    /**
     * Starts receiving in the background and returns at once (NATS may be down).
     *
     * @param network the network name ({@link Network})
     * @param store   the primary's message store
     */
    public static HandoverReceiver start(NatsLink link, String network, MessageStore store) {
        HandoverReceiver receiver = new HandoverReceiver(Objects.requireNonNull(link, "link"), new Network(network),
                Objects.requireNonNull(store, "store"));
        receiver.loop = WorkLoop.start("handover-receiver", RETRY, receiver::step);
        link.addConnectListener(receiver::wake);
        return receiver;
    }

    /** How many messages were filed since start (re-filed duplicates included: the store kept them once). */
    public long received() {
        return received.get();
    }

    /** Stops receiving. */
    @Override
    public void close() {
        closed = true;
        loop.close();
        NatsObjectStoreWatchSubscription old = watch;
        if (old != null) {
            try {
                old.unsubscribe();
            } catch (RuntimeException e) {
                log.debug("closing the handover watch: {}", e.toString());
            }
        }
    }

    private void wake() {
        if (!closed) {
            loop.signal();
        }
    }

    private Duration step() throws Exception {
        if (!link.connected()) {
            return RESCAN;
        }
        if (bucket == null) {
            Buckets.ensureHandover(link, network, null);
            bucket = link.objectStore(network.handoverBucket(), null);
        }
        if (watch == null) {
            watch = bucket.watch(new Arrivals(), ObjectStoreWatchOption.IGNORE_DELETE,
                    ObjectStoreWatchOption.UPDATES_ONLY);
        }
        try {
            for (ObjectInfo info : bucket.getList()) {
                if (!info.isDeleted() && !rejected.contains(info.getObjectName())) {
                    receive(info);
                }
            }
        } catch (Exception e) {
            bucket = null;
            throw e;
        }
        return RESCAN;
    }

    private void receive(ObjectInfo info) throws Exception {
        String name = info.getObjectName();
        MessageInfo message;
        try {
            message = HandoverMeta.parse(info.getObjectMeta().getMetadata());
            if (!message.id().equals(name)) {
                throw new IOException("the object is named " + name + " but describes message " + message.id());
            }
        } catch (IOException e) {
            rejected.add(name);
            log.error("cannot file handed-over object {}: {}; left in {}", name, e.getMessage(),
                    network.handoverBucket());
            return;
        }
        ByteArrayOutputStream wav = new ByteArrayOutputStream((int) Math.min(info.getSize(), Integer.MAX_VALUE));
        bucket.get(name, wav);
        try {
            store.put(message, new ByteArrayInputStream(wav.toByteArray()));
        } catch (IllegalArgumentException e) {
            rejected.add(name);
            log.error("cannot file handed-over message {}: {}; left in {}", name, e.getMessage(),
                    network.handoverBucket());
            return;
        }
        bucket.delete(name);
        received.incrementAndGet();
        log.info("received message {} for mailbox {} from the backup", name, message.mailbox());
    }

    /** Signals the receiver when an object arrives; runs on a jnats dispatcher thread. */
    private final class Arrivals implements ObjectStoreWatcher {
        @Override
        public void watch(ObjectInfo info) {
            wake();
        }

        @Override
        public void endOfData() {
            wake();
        }
    }
}
