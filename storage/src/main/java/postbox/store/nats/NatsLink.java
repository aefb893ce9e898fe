package postbox.store.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.Nats;
import io.nats.client.ObjectStore;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.ObjectStoreOptions;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's connection to its NATS server, kept up for the life of the node. {@link #connect} never fails because
 * the server is down: it returns at once and a background thread keeps trying until the first connection; after
 * that jnats reconnects forever. Nothing is buffered while disconnected (publishes fail or are skipped), so no
 * stale traffic floods the server when it returns. JetStream is reached in the local domain ({@code null}) or in
 * another one (the primary's, through a leaf connection).
 *
 * <p>Thread-safe. Connection listeners run on a jnats thread and must return at once.
 */
public final class NatsLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatsLink.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(2);
    private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final String url;
    private final Options options;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Thread connector;
    private volatile Connection connection;
    private volatile boolean closed;
    /** Whether the last event was a connection (so a run of failed reconnects logs one warning). */
    private volatile boolean up;

    private NatsLink(String url, String clientName) {
        this.url = url;
        this.options = new Options.Builder()
                .server(url)
                .connectionName(clientName)
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                .connectionTimeout(CONNECT_TIMEOUT)
                .reconnectBufferSize(0)
                .connectionListener(this::connectionEvent)
                .errorListener(new LinkErrors())
                .build();
        this.connector = Thread.ofPlatform().daemon().name("nats-connect-" + clientName).unstarted(this::firstConnect);
    }

    /**
     * Returns a link to the NATS server at {@code url} that connects when it can (at once when the server is up).
     *
     * @param clientName how this node shows in the server's connection list
     * @throws IOException              not for a server that is down or absent: that is waited out
     * @throws IllegalArgumentException for a malformed URL
     */
    public static NatsLink connect(String url, String clientName) throws IOException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clientName, "clientName");
        NatsLink link = new NatsLink(url, clientName);
        link.connector.start();
        return link;
    }

    /** Whether the link is connected right now. */
    public boolean connected() {
        Connection current = connection;
        return current != null && current.getStatus() == Connection.Status.CONNECTED;
    }

    /** The server URL this link connects to. */
    public String url() {
        return url;
    }

    /**
     * Adds a listener run after the first connection and after every reconnection (on a jnats thread; it must
     * return at once, typically by signalling a worker).
     */
    public void addConnectListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The connection; throws IOException while the link has never connected. */
    public Connection connection() throws IOException {
        Connection current = connection;
        if (current == null || closed) {
            throw new IOException("not connected to NATS at " + url);
        }
        return current;
    }

    /** JetStream management in {@code domain} ({@code null}: the local one). */
    public JetStreamManagement jetStreamManagement(String domain) throws IOException {
        return connection().jetStreamManagement(jetStreamOptions(domain));
    }

    /** KV management in {@code domain} ({@code null}: the local one). */
    public KeyValueManagement keyValueManagement(String domain) throws IOException {
        return connection().keyValueManagement(KeyValueOptions.builder(jetStreamOptions(domain)).build());
    }

    /** A KV bucket in {@code domain} ({@code null}: the local one); throws when it does not exist. */
    public KeyValue keyValue(String bucket, String domain) throws IOException {
        return connection().keyValue(bucket, KeyValueOptions.builder(jetStreamOptions(domain)).build());
    }

    /** Object Store management in {@code domain} ({@code null}: the local one). */
    public ObjectStoreManagement objectStoreManagement(String domain) throws IOException {
        return connection().objectStoreManagement(ObjectStoreOptions.builder(jetStreamOptions(domain)).build());
    }

    /** An Object Store in {@code domain} ({@code null}: the local one); throws when it does not exist. */
    public ObjectStore objectStore(String bucket, String domain) throws IOException {
        return connection().objectStore(bucket, ObjectStoreOptions.builder(jetStreamOptions(domain)).build());
    }

    private static JetStreamOptions jetStreamOptions(String domain) {
        JetStreamOptions.Builder builder = JetStreamOptions.builder().requestTimeout(REQUEST_TIMEOUT);
        if (domain != null) {
            builder.domain(domain);
        }
        return builder.build();
    }

    private void firstConnect() {
        Duration wait = FIRST_RETRY;
        String lastProblem = null;
        while (!closed) {
            try {
                Connection opened = Nats.connect(options);
                if (closed) {
                    opened.close();
                    return;
                }
                connection = opened;
                up = true;
                log.info("connected to NATS at {}", url);
                fire();
                return;
            } catch (IOException e) {
                if (!Objects.equals(e.getMessage(), lastProblem)) {
                    log.info("NATS at {} is not reachable yet ({}); retrying in the background", url,
                            e.getMessage());
                    lastProblem = e.getMessage();
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
        }
    }

    private void connectionEvent(Connection source, ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED -> {
                if (up) {
                    log.warn("lost the connection to NATS at {}; reconnecting", url);
                    up = false;
                }
            }
            case RECONNECTED -> {
                log.info("reconnected to NATS at {}", url);
                up = true;
                fire();
            }
            default -> log.debug("NATS connection event {}", event);
        }
    }

    private void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.error("a NATS connect listener failed", e);
            }
        }
    }

    /** Logs what jnats reports through SLF4J instead of its own console logger. */
    private static final class LinkErrors implements ErrorListener {
        @Override
        public void errorOccurred(Connection source, String error) {
            log.warn("NATS server error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection source, Exception exception) {
            log.debug("NATS connection problem: {}", exception.toString());
        }
    }

    /** Stops connecting and closes the connection. */
    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
