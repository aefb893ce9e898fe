package postbox.store.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.MessageInfo;
import postbox.store.MessageStore;

/**
 * Runs on the backup at failback: hands every local message (all of them were left while the backup was active,
 * since messages are never synced) to the primary through the {@code <net>-handover} Object Store in the primary's
 * domain. Each message becomes one object named by the message id, with its WAV as content and its
 * {@link MessageInfo} (state included) as metadata; the local message is removed once its object is stored, so a
 * crash in between sends it again. Exactly once: an object already waiting under that name is not put again, and
 * the {@link HandoverReceiver} files by id idempotently. Writes go to the primary's server: while it is down,
 * {@link #handOver} fails and keeps every message.
 *
 * <p>Blocking, on the caller's thread; one hand-over at a time per node.
 */
public final class HandoverSender {

    private static final Logger log = LoggerFactory.getLogger(HandoverSender.class);

    private final NatsLink link;
    private final Network network;
    private final String primaryDomain;

    /**
     * @param network       the network name ({@link Network})
     * @param primaryDomain the primary's JetStream domain, or null when both nodes share one server
     */
    public HandoverSender(NatsLink link, String network, String primaryDomain) {
        this.link = Objects.requireNonNull(link, "link");
        this.network = new Network(network);
        this.primaryDomain = primaryDomain;
    }

    /**
     * Hands every message of {@code local} over and removes it locally; returns how many were handed over.
     *
     * @throws IOException when NATS or the primary's JetStream cannot be reached (the messages not yet handed over
     *                     stay in {@code local})
     */
    public int handOver(MessageStore local) throws IOException {
        ObjectStore store = bucket();
        int count = 0;
        for (String mailbox : local.mailboxes()) {
            for (MessageInfo info : local.list(mailbox)) {
                send(store, local, info);
                local.remove(mailbox, info.id());
                count++;
            }
        }
        if (count > 0) {
            log.info("handed {} messages over to the primary", count);
        }
        return count;
    }

    /** How many messages of {@code local} wait to be handed over. */
    public int pending(MessageStore local) {
        int count = 0;
        for (String mailbox : local.mailboxes()) {
            count += local.list(mailbox).size();
        }
        return count;
    }

    /** Stores one message's object unless one is already waiting under its id (the first half of a hand-over). */
    void send(MessageStore local, MessageInfo info) throws IOException {
        send(bucket(), local, info);
    }

    private void send(ObjectStore store, MessageStore local, MessageInfo info) throws IOException {
        try {
            ObjectInfo waiting = store.getInfo(info.id());
            if (waiting != null && !waiting.isDeleted()) {
                log.info("message {} already waits for the primary; not sent again", info.id());
                return;
            }
            ObjectMeta meta = ObjectMeta.builder(info.id()).metadata(HandoverMeta.of(info)).build();
            try (InputStream wav = local.openAudio(info.mailbox(), info.id())) {
                store.put(meta, wav);
            }
            log.debug("sent message {} of mailbox {}", info.id(), info.mailbox());
        } catch (JetStreamApiException | NoSuchAlgorithmException | IllegalStateException e) {
            throw new IOException("cannot hand message " + info.id() + " over: " + e.getMessage(), e);
        }
    }

    private ObjectStore bucket() throws IOException {
        if (!link.connected()) {
            throw new IOException("not connected to NATS at " + link.url() + ": nothing handed over");
        }
        try {
            Buckets.ensureHandover(link, network, primaryDomain);
        } catch (JetStreamApiException | IllegalStateException e) {
            throw new IOException("cannot reach the handover store " + network.handoverBucket() + ": "
                    + e.getMessage(), e);
        }
        return link.objectStore(network.handoverBucket(), primaryDomain);
    }
}
