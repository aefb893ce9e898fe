package postbox.store.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness between nodes over core NATS (pub/sub crosses leaf connections; no JetStream): every interval the node's
 * own {@link Heartbeat} goes out as JSON on {@code <net>.heartbeat.<node>}, and heartbeats of the other nodes on
 * {@code <net>.heartbeat.*} are handed to {@code onPeer}. Sending while disconnected is skipped, and heartbeats older
 * than two intervals are dropped on receipt ({@link HeartbeatFilter}), so a peer never acts on stale news.
 *
 * <p>Thread-safe. {@code own} is called on the heartbeat thread; {@code onPeer} on a jnats dispatcher thread, and
 * both must return at once.
 */
public final class Heartbeats implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final NatsLink link;
    private final Network network;
    private final String node;
    private final Supplier<Heartbeat> own;
    private final Consumer<Heartbeat> onPeer;
    private final HeartbeatFilter filter;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private Dispatcher dispatcher;
    private boolean closed;

    private Heartbeats(NatsLink link, Network network, String node, Duration interval, Supplier<Heartbeat> own,
                       Consumer<Heartbeat> onPeer, Clock clock) {
        this.link = link;
        this.network = network;
        this.node = node;
        this.own = own;
        this.onPeer = onPeer;
        this.clock = clock;
        this.filter = new HeartbeatFilter(node, interval, clock);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("heartbeats-" + node).factory());
    }

    /**
     * Starts sending and listening; returns at once (NATS may be down: listening starts on the first connection).
     *
     * @param network  the network name ({@link Network})
     * @param node     this node's name ({@link Network#checkNode})
     * @param interval how often to send
     * @param own      this node's heartbeat now ({@code node} and {@code sentAt} are filled in when sending)
     * @param onPeer   told of every fresh heartbeat of another node
     */
    public static Heartbeats start(NatsLink link, String network, String node, Duration interval,
                                   Supplier<Heartbeat> own, Consumer<Heartbeat> onPeer) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive, got " + interval);
        }
        Heartbeats heartbeats = new Heartbeats(Objects.requireNonNull(link, "link"), new Network(network),
                Network.checkNode(node), interval, Objects.requireNonNull(own, "own"),
                Objects.requireNonNull(onPeer, "onPeer"), Clock.systemUTC());
        link.addConnectListener(heartbeats::listen);
        heartbeats.listen();
        heartbeats.timer.scheduleAtFixedRate(heartbeats::send, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return heartbeats;
    }

    /** Stops sending and listening. */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            closed = true;
            if (dispatcher != null) {
                try {
                    link.connection().closeDispatcher(dispatcher);
                } catch (IOException | RuntimeException e) {
                    log.debug("closing the heartbeat subscription: {}", e.toString());
                }
            }
        }
    }

    private synchronized void listen() {
        if (closed || dispatcher != null || !link.connected()) {
            return;
        }
        try {
            Connection connection = link.connection();
            dispatcher = connection.createDispatcher(this::received);
            dispatcher.subscribe(network.heartbeatWildcard());
        } catch (IOException e) {
            log.debug("heartbeats cannot listen yet: {}", e.toString());
        }
    }

    private void send() {
        if (!link.connected()) {
            return;
        }
        try {
            Heartbeat heartbeat = own.get().sentBy(node, clock.instant());
            link.connection().publish(network.heartbeatSubject(node),
                    SyncJson.write(heartbeat).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.debug("heartbeat not sent: {}", e.toString());
        }
    }

    private void received(Message message) {
        Heartbeat heartbeat;
        try {
            heartbeat = SyncJson.read(message.getData(), Heartbeat.class);
        } catch (IOException e) {
            log.warn("ignoring a malformed heartbeat on {}: {}", message.getSubject(), e.getMessage());
            return;
        }
        if (!filter.accepts(heartbeat)) {
            log.debug("dropped heartbeat of {} sent at {}", heartbeat.node(), heartbeat.sentAt());
            return;
        }
        try {
            onPeer.accept(heartbeat);
        } catch (RuntimeException e) {
            log.error("the heartbeat listener failed", e);
        }
    }
}
