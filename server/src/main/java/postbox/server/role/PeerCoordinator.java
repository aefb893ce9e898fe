package postbox.server.role;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.server.config.Role;
import postbox.sip.SipEndpoint;
import postbox.sip.Transport;

/**
 * Runs a primary or backup node's {@link RoleMachine}: feeds it the peer's heartbeats and SIP answers, ticks it
 * every 200 ms on one thread of its own, and applies what it decides — the SIP endpoint active or standby, and on a
 * backup in standby with messages left over, their handover to the primary. Thread-safe: every input is handed to
 * the coordinator's thread.
 */
public final class PeerCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerCoordinator.class);
    private static final Duration TICK = Duration.ofMillis(200);
    private static final Duration PING_INTERVAL = Duration.ofSeconds(1);
    private static final Duration HANDOVER_RETRY = Duration.ofSeconds(2);

    /** The messages a backup holds and hands to its primary. */
    public interface Handover {
        /** Messages still to hand over (cheap: an in-memory count). */
        int pending();

        /** Hands every pending message over; blocking; throws when the primary cannot be reached. */
        void run() throws Exception;
    }

    /**
     * What the coordinator shows of itself.
     *
     * @param state  the node's state
     * @param reason why
     * @param since  since when
     * @param peer   the peer as last heard
     */
    public record View(NodeState state, String reason, Instant since, Optional<PeerView> peer) {
    }

    private final RoleMachine machine;
    private final Role role;
    private final SipEndpoint sip;
    private final IntSupplier activeCalls;
    private final Handover handover;
    private final Optional<InetSocketAddress> peerSip;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("postbox-role").daemon(true).factory());
    private final AtomicBoolean handingOver = new AtomicBoolean();
    private volatile View view;
    private volatile Instant lastHandoverAttempt = Instant.EPOCH;
    private volatile long takeovers;

    /**
     * @param handover the backup's messages to hand over (a primary's is empty)
     * @param peerSip  on a backup: the primary's SIP address to ping
     */
    public PeerCoordinator(RoleMachine machine, Role role, SipEndpoint sip, IntSupplier activeCalls, Handover handover,
                           Optional<InetSocketAddress> peerSip, Clock clock) {
        this.machine = machine;
        this.role = role;
        this.sip = sip;
        this.activeCalls = activeCalls;
        this.handover = handover;
        this.peerSip = peerSip;
        this.clock = clock;
        this.view = new View(machine.state(), machine.reason(), clock.instant(), Optional.empty());
    }

    /** Starts ticking (and pinging the peer's SIP address, when given). */
    public void start() {
        sip.setActive(machine.state() == NodeState.ACTIVE);
        thread.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        peerSip.ifPresent(target -> thread.scheduleWithFixedDelay(() -> ping(target), 0, PING_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS));
        log.info("{} node starts {} ({})", role.token(), machine.state().token(), machine.reason());
    }

    /** A heartbeat from the peer arrived (any thread). */
    public void heard(String node, NodeState state, int handoverPending) {
        Instant at = clock.instant();
        thread.execute(() -> machine.heard(new PeerView(node, state, handoverPending, at)));
    }

    /** What this node's heartbeat says now. */
    public View view() {
        return view;
    }

    /** Times this backup took over from its primary (not counting an administrator's activation). */
    public long takeovers() {
        return takeovers;
    }

    public int handoverPending() {
        return handover.pending();
    }

    /** An administrator activates this backup; returns once applied. */
    public void activate() {
        onThread(machine::activate);
    }

    /** An administrator deactivates this backup; returns once applied. */
    public void deactivate() {
        onThread(machine::deactivate);
    }

    private void onThread(Runnable order) {
        try {
            thread.submit(() -> {
                order.run();
                tick();
            }).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the node did not apply the order within 5 s");
        }
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            if (machine.tick(now, activeCalls.getAsInt())) {
                NodeState state = machine.state();
                log.info("{} node is now {}: {}", role.token(), state.token(), machine.reason());
                sip.setActive(state == NodeState.ACTIVE);
                view = new View(state, machine.reason(), now, machine.peer());
                takeovers = machine.takeovers();
            } else {
                view = new View(view.state(), machine.reason(), view.since(), machine.peer());
            }
            if (role == Role.BACKUP && machine.state() == NodeState.STANDBY && handover.pending() > 0
                    && Duration.between(lastHandoverAttempt, now).compareTo(HANDOVER_RETRY) >= 0
                    && handingOver.compareAndSet(false, true)) {
                lastHandoverAttempt = now;
                Thread.ofVirtual().name("postbox-handover").start(this::handOver);
            }
        } catch (RuntimeException e) {
            log.error("role tick failed", e);
        }
    }

    private void handOver() {
        try {
            int before = handover.pending();
            handover.run();
            log.info("handed {} messages over to the primary ({} left)", before - handover.pending(), handover.pending());
        } catch (Exception e) {
            log.warn("handover to the primary failed, will retry: {}", e.toString());
        } finally {
            handingOver.set(false);
        }
    }

    private void ping(InetSocketAddress target) {
        sip.ping(target, Transport.UDP, Duration.ofMillis(900)).thenAccept(answered -> {
            if (answered) {
                Instant at = clock.instant();
                thread.execute(() -> machine.sipAnswered(at));
            }
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
