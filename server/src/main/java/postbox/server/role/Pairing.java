package postbox.server.role;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.server.config.Role;
import postbox.server.config.Settings;
import postbox.sip.SipEndpoint;
import postbox.store.CallFlowSettingsStore;
import postbox.store.GreetingStore;
import postbox.store.MailboxDirectory;
import postbox.store.MessageStore;
import postbox.store.nats.ConfigMirror;
import postbox.store.nats.ConfigPublisher;
import postbox.store.nats.HandoverReceiver;
import postbox.store.nats.HandoverSender;
import postbox.store.nats.Heartbeat;
import postbox.store.nats.Heartbeats;
import postbox.store.nats.NatsLink;

/**
 * A primary or backup node's link to the other over NATS JetStream: the primary publishes its greetings and
 * configuration and takes in the backup's messages; the backup mirrors the configuration into its own stores and
 * hands its messages over; both send heartbeats, which drive the {@link PeerCoordinator}. Thread-safe.
 */
public final class Pairing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pairing.class);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(3);

    /**
     * The pairing as {@code /api/status} shows it.
     *
     * @param state      active, standby or returning
     * @param reason     why
     * @param since      since when
     * @param peer       the other node as last heard
     * @param nats       whether this node is connected to its NATS server
     * @param sync       the configuration sync: what the primary published or the backup applied
     * @param handover   messages waiting to be handed to the primary (backup) and received (primary)
     * @param takeovers  times this backup took over from a silent primary
     */
    public record Status(String state, String reason, Instant since, PeerStatus peer, boolean nats, Object sync,
                         HandoverStatus handover, long takeovers) {
    }

    /** @param heartbeatAgeMs how old its last heartbeat is */
    public record PeerStatus(String node, String state, Instant lastHeartbeat, long heartbeatAgeMs) {
    }

    public record HandoverStatus(int pending, long received) {
    }

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final NatsLink link;
    private final PeerCoordinator coordinator;
    private final Role role;
    private final IntSupplier activeCalls;
    private final Clock clock;
    private ConfigPublisher publisher;
    private ConfigMirror mirror;
    private HandoverReceiver receiver;

    private Pairing(NatsLink link, PeerCoordinator coordinator, Role role, IntSupplier activeCalls, Clock clock) {
        this.link = link;
        this.coordinator = coordinator;
        this.role = role;
        this.activeCalls = activeCalls;
        this.clock = clock;
    }

    /**
     * Connects to this site's NATS (in the background when it is not up yet) and starts the node standby
     * (backup) or returning (primary).
     */
    public static Pairing start(Settings settings, MessageStore messages, MailboxDirectory mailboxes,
                                GreetingStore greetings, CallFlowSettingsStore callFlow, SipEndpoint sip,
                                IntSupplier activeCalls, Clock clock)
            throws IOException {
        Settings.PeerLink peer = settings.peer().orElseThrow();
        Role role = settings.role();
        String network = peer.network();
        String domain = peer.primaryDomain().orElse(null);
        NatsLink link = NatsLink.connect(peer.nats(), "postbox-" + settings.nodeName());
        PeerCoordinator.Handover handover = role == Role.BACKUP ? backupHandover(link, network, domain, messages)
                : noHandover();
        Optional<InetSocketAddress> peerSip = peer.primarySip().map(hostPort -> hostPort.socketAddress());
        RoleMachine machine = new RoleMachine(role, settings.failback(), PEER_TIMEOUT, clock.instant());
        PeerCoordinator coordinator = new PeerCoordinator(machine, role, sip, activeCalls, handover, peerSip, clock);
        Pairing pairing = new Pairing(link, coordinator, role, activeCalls, clock);
        pairing.parts.push(link);
        try {
            if (role == Role.PRIMARY) {
                pairing.publisher = ConfigPublisher.start(link, network, mailboxes, greetings, callFlow);
                pairing.parts.push(pairing.publisher);
                pairing.receiver = HandoverReceiver.start(link, network, messages);
                pairing.parts.push(pairing.receiver);
            } else {
                pairing.mirror = ConfigMirror.start(link, network, domain, mailboxes, greetings, callFlow);
                pairing.parts.push(pairing.mirror);
            }
            coordinator.start();
            pairing.parts.push(coordinator);
            pairing.parts.push(Heartbeats.start(link, network, settings.nodeName(), HEARTBEAT_INTERVAL,
                    pairing::ownHeartbeat, pairing::peerHeartbeat));
        } catch (RuntimeException e) {
            pairing.close();
            throw e;
        }
        log.info("{} node '{}' paired over {} (network '{}'{})", role.token(), settings.nodeName(), peer.nats(),
                network, domain == null ? ", one shared server" : ", primary's domain " + domain);
        return pairing;
    }

    private static PeerCoordinator.Handover backupHandover(NatsLink link, String network, String domain,
                                                           MessageStore messages) {
        HandoverSender sender = new HandoverSender(link, network, domain);
        return new PeerCoordinator.Handover() {
            @Override
            public int pending() {
                return sender.pending(messages);
            }

            @Override
            public void run() throws IOException {
                sender.handOver(messages);
            }
        };
    }

    private static PeerCoordinator.Handover noHandover() {
        return new PeerCoordinator.Handover() {
            @Override
            public int pending() {
                return 0;
            }

            @Override
            public void run() {
            }
        };
    }

    private Heartbeat ownHeartbeat() {
        PeerCoordinator.View view = coordinator.view();
        return new Heartbeat(null, role.token(), view.state().token(), activeCalls.getAsInt(),
                coordinator.handoverPending(), null);
    }

    private void peerHeartbeat(Heartbeat heartbeat) {
        if (heartbeat.role().equals(role.token())) {
            log.warn("another {} node '{}' is on this network: ignored (check node.role and peer.network)",
                    heartbeat.role(), heartbeat.node());
            return;
        }
        try {
            coordinator.heard(heartbeat.node(), NodeState.parse(heartbeat.state()), heartbeat.handoverPending());
        } catch (IllegalArgumentException e) {
            log.warn("heartbeat from '{}' with an unknown state '{}'", heartbeat.node(), heartbeat.state());
        }
    }

    public PeerCoordinator coordinator() {
        return coordinator;
    }

    public Status status() {
        PeerCoordinator.View view = coordinator.view();
        Instant now = clock.instant();
        PeerStatus peer = view.peer().map(p -> new PeerStatus(p.node(), p.state().token(), p.heardAt(),
                Duration.between(p.heardAt(), now).toMillis())).orElse(null);
        Object sync = publisher != null ? publisher.stats() : mirror.stats();
        return new Status(view.state().token(), view.reason(), view.since(), peer, link.connected(), sync,
                new HandoverStatus(coordinator.handoverPending(), receiver == null ? 0 : receiver.received()),
                coordinator.takeovers());
    }

    @Override
    public void close() {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                log.warn("while unpairing: {}", e.toString());
            }
        }
    }
}
