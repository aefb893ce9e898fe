package postbox.store.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValueManagement;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.Mirror;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the network's buckets where they are missing, each with its limits: the config KV (one value per key),
 * the greetings Object Store (bounded: superseded objects are deleted on the primary, and a full store refuses new
 * greetings instead of dropping old ones), the handover Object Store, and on a backup with its own JetStream domain
 * the mirrors of the first two. An existing bucket is used as it is. Stateless; blocking, on the caller's thread.
 */
final class Buckets {

    /** The most bytes the config KV may hold: thousands of mailboxes at a few hundred bytes each. */
    static final long CONFIG_MAX_BYTES = 64L << 20;
    /**
     * The most bytes of greeting audio: a few thousand greetings (30 s are 480 KB). JetStream reserves it, so the
     * primary's server needs at least this plus {@link #HANDOVER_MAX_BYTES} of file store, the backup's this.
     */
    static final long GREETINGS_MAX_BYTES = 2L << 30;
    /** The most bytes of messages waiting for handover: over a thousand two-minute messages. */
    static final long HANDOVER_MAX_BYTES = 2L << 30;

    /** JetStream's "stream not found" error. */
    private static final int STREAM_NOT_FOUND = 10059;

    private static final Logger log = LoggerFactory.getLogger(Buckets.class);

    private Buckets() {
    }

    /** The stream behind the config KV bucket (and its mirror). */
    static String configStream(Network network) {
        return "KV_" + network.configBucket();
    }

    /** The stream behind the greetings Object Store (and its mirror, which jnats cannot create). */
    static String greetingsStream(Network network) {
        return "OBJ_" + network.greetingsBucket();
    }

    /** The config KV bucket, in the local domain of {@code link} (the primary's). */
    static void ensureConfig(NatsLink link, Network network) throws IOException, JetStreamApiException {
        KeyValueManagement kvm = link.keyValueManagement(null);
        String name = network.configBucket();
        ensure(() -> kvm.getStatus(name), () -> kvm.create(KeyValueConfiguration.builder().name(name)
                .description("Postbox mailboxes and greeting index of network " + network.name())
                .maxHistoryPerKey(1).maxBucketSize(CONFIG_MAX_BYTES).storageType(StorageType.File)
                .build()), name);
    }

    /** The greetings Object Store, in the local domain of {@code link} (the primary's). */
    static void ensureGreetings(NatsLink link, Network network) throws IOException, JetStreamApiException {
        ensureObjectStore(link.objectStoreManagement(null), network.greetingsBucket(), GREETINGS_MAX_BYTES,
                "Postbox greeting audio of network " + network.name());
    }

    /** The handover Object Store in {@code domain} (the primary's; {@code null}: the local one). */
    static void ensureHandover(NatsLink link, Network network, String domain)
            throws IOException, JetStreamApiException {
        ensureObjectStore(link.objectStoreManagement(domain), network.handoverBucket(), HANDOVER_MAX_BYTES,
                "Postbox messages handed over to the primary of network " + network.name());
    }

    /**
     * On a backup with its own JetStream domain: a KV mirror of the config bucket and a stream mirroring the
     * greetings Object Store's stream (jnats has no Object Store mirror option), both in the local domain under the
     * source's names, so the KV and Object Store APIs read them like the originals.
     */
    static void ensureMirrors(NatsLink link, Network network, String primaryDomain)
            throws IOException, JetStreamApiException {
        KeyValueManagement kvm = link.keyValueManagement(null);
        String config = network.configBucket();
        ensure(() -> kvm.getStatus(config), () -> kvm.create(KeyValueConfiguration.builder().name(config)
                .description("mirror of " + config + " in domain " + primaryDomain)
                .maxHistoryPerKey(1).maxBucketSize(CONFIG_MAX_BYTES).storageType(StorageType.File)
                .mirror(Mirror.builder().sourceName(config).domain(primaryDomain).build())
                .build()), config + " (mirror)");
        JetStreamManagement jsm = link.jetStreamManagement(null);
        String stream = greetingsStream(network);
        // deletes on the source are not mirrored: the mirror drops its oldest chunks when full
        ensure(() -> jsm.getStreamInfo(stream), () -> jsm.addStream(StreamConfiguration.builder().name(stream)
                .description("mirror of " + stream + " in domain " + primaryDomain)
                .storageType(StorageType.File).maxBytes(GREETINGS_MAX_BYTES).discardPolicy(DiscardPolicy.Old)
                .allowRollup(true).allowDirect(true)
                .mirror(Mirror.builder().sourceName(stream).domain(primaryDomain).build())
                .build()), stream + " (mirror)");
    }

    private static void ensureObjectStore(ObjectStoreManagement osm, String name, long maxBytes, String description)
            throws IOException, JetStreamApiException {
        ensure(() -> osm.getStatus(name), () -> osm.create(ObjectStoreConfiguration.builder().name(name)
                .description(description).maxBucketSize(maxBytes).storageType(StorageType.File).build()), name);
    }

    /** A JetStream call that reads or creates something. */
    @FunctionalInterface
    interface Call {
        Object run() throws IOException, JetStreamApiException;
    }

    private static boolean exists(Call lookup) throws IOException, JetStreamApiException {
        try {
            lookup.run();
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Creates {@code what} unless {@code lookup} finds it. Two nodes (or a node's sender and receiver) may race to
     * create it: when creating fails but it exists by then, the other one made it, and that is fine.
     */
    static void ensure(Call lookup, Call creation, String what) throws IOException, JetStreamApiException {
        if (exists(lookup)) {
            return;
        }
        try {
            creation.run();
            log.info("created {}", what);
        } catch (JetStreamApiException e) {
            if (!exists(lookup)) {
                throw e;
            }
            log.debug("{} was created meanwhile by another client ({})", what, e.getMessage());
        }
    }
}
