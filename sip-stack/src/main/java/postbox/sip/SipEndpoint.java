package postbox.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postbox's SIP endpoint on JAIN-SIP RI, listening on UDP and TCP at {@link SipConfig#host()}:
 * {@link SipConfig#port()}. New INVITEs first meet the {@link SourcePolicy} (trusted, challenged with 407, or
 * refused with 403), are negotiated (PCMU / PCMA / telephone-event; 488 when nothing matches) and handed to the
 * {@link CallHandler} as {@link IncomingCall}s; accepted calls get 180 and 200 OK with the SDP answer, then their
 * {@link CallListener} hears ACK, re-INVITE (hold / resume) and the end of the call. OPTIONS gets 200,
 * message-summary SUBSCRIBEs are served from {@link MessageSummaries} (RFC 3842), other methods get 405, malformed
 * requests 400 (see {@link #malformedMessages()}). With a {@link TrunkConfig} the endpoint also registers at the
 * PBX, pings it, fails over to the backup PBX and back ({@link #trunkStatus()}), and sends the PBX in use an
 * unsolicited NOTIFY for every {@link #publish published} change of a mailbox's counts.
 *
 * <p>An endpoint is active or standby ({@link #setActive}, e.g. a backup node while its primary is alive): standby,
 * it answers new INVITEs, SUBSCRIBEs and OPTIONS with 503 and {@code Retry-After: 5}, keeps the calls already up to
 * their end, is un-registered and silent towards the PBXs (but remembers published counts), and ends its
 * message-summary subscriptions. {@link #ping} asks whether a peer node is alive.
 *
 * <p>Each endpoint owns its own JAIN-SIP stack (a unique stack name), so several can run in one JVM. The stack
 * logs through SLF4J ({@link Slf4jStackLogger}, and every SIP message at DEBUG on {@code postbox.sip.wire}).
 * UDP is read by one thread that also runs the handler and listeners (so an INVITE is fully handled before its
 * CANCEL is read); each TCP connection has its own thread. The handler and listeners must therefore return at once.
 * Timers and the requests they send (REGISTER, OPTIONS, NOTIFY, a hangup's BYE) run on one scheduler thread of the
 * endpoint. Thread-safe. {@link #close()} must be called: the stack runs a non-daemon thread.
 */
public final class SipEndpoint implements AutoCloseable {

    /** RFC 3261's 64*T1: how long a 200 OK may go unacknowledged before the call is given up. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(32);

    private static final Logger log = LoggerFactory.getLogger(SipEndpoint.class);
    private static final AtomicLong STACKS = new AtomicLong();
    private static final long TIMER_TICK_MS = 500;
    /** How long a nonce of Postbox's own 407 challenge stays good. */
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    private final SipStackImpl stack;
    private final Map<String, SipCall> calls;
    private final ScheduledExecutorService scheduler;
    private final MalformedMessages malformed;
    private final InetSocketAddress address;
    private final MessageWaitingSubscriptions subscriptions;
    private final Optional<TrunkClient> trunk;
    private final StandbyGate standby;
    private final PeerProbe probe;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SipEndpoint(SipStackImpl stack, Map<String, SipCall> calls, ScheduledExecutorService scheduler,
                        MalformedMessages malformed, InetSocketAddress address,
                        MessageWaitingSubscriptions subscriptions, Optional<TrunkClient> trunk, StandbyGate standby,
                        PeerProbe probe) {
        this.stack = stack;
        this.calls = calls;
        this.scheduler = scheduler;
        this.malformed = malformed;
        this.address = address;
        this.subscriptions = subscriptions;
        this.trunk = trunk;
        this.standby = standby;
        this.probe = probe;
    }

    /**
     * Starts listening on UDP and TCP, with no trunk, every source accepted ({@link SourcePolicy#open()}) and
     * every SUBSCRIBE answered 404.
     *
     * @param config  where to listen and what to accept
     * @param handler decides about each new call, on a JAIN-SIP thread (it must return at once)
     * @return the running endpoint
     * @throws IOException              when the port cannot be bound (or the stack cannot start)
     * @throws IllegalArgumentException when {@link SipConfig#userAgent()} is not a valid header value
     */
    public static SipEndpoint start(SipConfig config, CallHandler handler) throws IOException {
        return start(config, handler, SourcePolicy.open(), MessageSummaries.none(), Optional.empty());
    }

    /**
     * Starts listening on UDP and TCP, screening new calls (and SUBSCRIBEs) with a source policy, serving
     * message-summary subscriptions, and with a trunk: registering at its PBX, pinging it, failing over to the
     * backup and sending MWI to the PBX in use.
     *
     * @param config    where to listen and what to accept
     * @param handler   decides about each new call, on a JAIN-SIP thread (it must return at once)
     * @param policy    which sources are trusted and what the others get (the trunk's PBXs are added to it)
     * @param summaries the mailboxes' counts for SUBSCRIBE (fast, in memory, thread-safe)
     * @param trunk     the trunk to register, if any
     * @return the running endpoint (registering in the background: see {@link #trunkStatus()})
     * @throws IOException              when the port cannot be bound, the stack cannot start, or a PBX host
     *                                  cannot be resolved
     * @throws IllegalArgumentException when {@link SipConfig#userAgent()} is not a valid header value
     */
    public static SipEndpoint start(SipConfig config, CallHandler handler, SourcePolicy policy,
                                    MessageSummaries summaries, Optional<TrunkConfig> trunk) throws IOException {
        return start(config, handler, policy, summaries, trunk, true);
    }

    /**
     * As {@link #start(SipConfig, CallHandler, SourcePolicy, MessageSummaries, Optional)}, active or standby from
     * the start. Started standby, the endpoint sends nothing to the PBXs (no REGISTER, no ping) and answers new
     * INVITEs, SUBSCRIBEs and OPTIONS with 503 until {@link #setActive setActive(true)}.
     *
     * @param active false to start standby (see {@link #setActive})
     * @return the running endpoint
     * @throws IOException              when the port cannot be bound, the stack cannot start, or a PBX host
     *                                  cannot be resolved
     * @throws IllegalArgumentException when {@link SipConfig#userAgent()} is not a valid header value
     */
    public static SipEndpoint start(SipConfig config, CallHandler handler, SourcePolicy policy,
                                    MessageSummaries summaries, Optional<TrunkConfig> trunk, boolean active)
            throws IOException {
        return start(config, handler, policy, summaries, trunk, active, ACK_TIMEOUT);
    }

    /** As {@link #start(SipConfig, CallHandler)}, with the time a 200 OK may wait for its ACK. */
    static SipEndpoint start(SipConfig config, CallHandler handler, Duration ackTimeout) throws IOException {
        return start(config, handler, SourcePolicy.open(), MessageSummaries.none(), Optional.empty(), true,
                ackTimeout);
    }

    private static SipEndpoint start(SipConfig config, CallHandler handler, SourcePolicy policy,
                                     MessageSummaries summaries, Optional<TrunkConfig> trunk, boolean active,
                                     Duration ackTimeout) throws IOException {
        MessageFactoryImpl messageFactory = new MessageFactoryImpl();
        HeaderFactoryImpl headerFactory = new HeaderFactoryImpl();
        AddressFactoryImpl addressFactory = new AddressFactoryImpl();
        OutgoingMessages messages = new OutgoingMessages(messageFactory, headerFactory, addressFactory, config);
        OutgoingRequests requests = new OutgoingRequests(messageFactory, headerFactory, addressFactory, config,
                messages);
        SourcePolicy screening = trunk.isPresent() ? policy.withTrusted(pbxAddresses(trunk.get())) : policy;
        SipStackImpl stack = createStack(config, ackTimeout);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("postbox-sip-scheduler-" + config.port()).factory());
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        boolean started = false;
        try {
            MalformedMessages malformed = new MalformedMessages();
            stack.setMessageParserFactory(new ScreeningMessageParser(malformed));
            stack.sipMessageValves.add(new MalformedRequestValve(messages, malformed));
            ListeningPoint udp = stack.createListeningPoint(config.host(), config.port(), Transport.UDP.token());
            ListeningPoint tcp = stack.createListeningPoint(config.host(), config.port(), Transport.TCP.token());
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            Map<String, SipCall> calls = new ConcurrentHashMap<>();
            CallContext context = new CallContext(provider, messages, config, scheduler,
                    call -> calls.remove(call.callId(), call));
            ClientRequests client = new ClientRequests(provider);
            MessageWaitingSubscriptions subscriptions = new MessageWaitingSubscriptions(summaries, messages,
                    requests, client, scheduler);
            Optional<TrunkClient> trunkClient = trunk.map(t -> new TrunkClient(t, InstantSource.system(), scheduler,
                    client, requests, calls::size, active));
            StandbyGate standby = new StandbyGate(active);
            provider.addSipListener(new UserAgentServer(handler, context, calls,
                    new SourceGate(screening, new NonceMint(InstantSource.system(), NONCE_LIFETIME)), standby,
                    subscriptions, (host, port) -> trunkClient.ifPresent(c -> c.transportError(host, port))));
            SipEndpoint endpoint = new SipEndpoint(stack, calls, scheduler, malformed,
                    new InetSocketAddress(config.host(), config.port()), subscriptions, trunkClient, standby,
                    new PeerProbe(scheduler, client, requests));
            log.info("SIP listening on {}:{} (UDP, TCP) as stack {}{}{}", config.host(), config.port(),
                    stack.getStackName(), trunk.map(t -> ", trunk " + t.user() + " at " + t.primary()
                            + t.backup().map(b -> " (backup " + b + ")").orElse("")).orElse(""),
                    active ? "" : ", standby");
            trunkClient.ifPresent(TrunkClient::start);
            started = true;
            return endpoint;
        } catch (SipException | InvalidArgumentException | TooManyListenersException e) {
            throw new IOException("cannot listen for SIP on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        } finally {
            if (!started) {
                scheduler.shutdownNow();
                stack.stop();
            }
        }
    }

    /** Every address the trunk's PBX hosts resolve to: they are trusted sources. */
    private static List<InetAddress> pbxAddresses(TrunkConfig trunk) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (PbxAddress pbx : trunk.backup().map(b -> List.of(trunk.primary(), b)).orElse(List.of(trunk.primary()))) {
            try {
                addresses.addAll(List.of(InetAddress.getAllByName(pbx.host())));
            } catch (UnknownHostException e) {
                throw new IOException("cannot resolve the PBX host " + pbx.host() + ": " + e.getMessage(), e);
            }
        }
        return addresses;
    }

    private static SipStackImpl createStack(SipConfig config, Duration ackTimeout) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME",
                "postbox-" + config.host() + "-" + config.port() + "-" + STACKS.incrementAndGet());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        // One UDP thread that runs the listener itself: an INVITE is handled (and its server transaction exists)
        // before the next datagram, e.g. its CANCEL, is read. The listener never blocks, so one thread keeps up.
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        // NOTIFYs outside a subscription of ours reach the listener (489) instead of a stack-made 481.
        properties.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        properties.setProperty("gov.nist.javax.sip.DIALOG_TIMEOUT_FACTOR",
                Long.toString(Math.max(1, ackTimeout.toMillis() / TIMER_TICK_MS)));
        try {
            return new SipStackImpl(properties);
        } catch (PeerUnavailableException e) {
            throw new IOException("cannot create the JAIN-SIP stack", e);
        }
    }

    /** The address SIP peers reach this endpoint at (UDP and TCP). */
    public InetSocketAddress address() {
        return address;
    }

    /** Calls between their INVITE and their end (being decided, answered or established). */
    public int activeCalls() {
        return calls.size();
    }

    /** The trunk's state now, when a trunk is configured. Thread-safe. */
    public Optional<TrunkStatus> trunkStatus() {
        return trunk.map(TrunkClient::status);
    }

    /**
     * Remembers a mailbox's counts and tells the PBX in use (unsolicited NOTIFY, when a trunk is configured and
     * registered: not while standby) and every live message-summary subscription to the mailbox. Call it on every
     * change of the counts, and once per mailbox at start-up (a PBX newly registered at gets the remembered counts of
     * every mailbox with messages). Thread-safe; returns at once (the NOTIFYs go out on the endpoint's scheduler
     * thread).
     */
    public void publish(String mailbox, MessageSummary summary) {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(summary, "summary");
        trunk.ifPresent(t -> t.publish(mailbox, summary));
        subscriptions.publish(mailbox, summary);
    }

    /**
     * Makes the endpoint active or standby. Thread-safe; returns at once (the SIP work runs on the endpoint's
     * scheduler thread); idempotent.
     *
     * <ul>
     *   <li>Standby: new INVITEs, SUBSCRIBEs and OPTIONS get {@code 503 Service Unavailable} with
     *   {@code Retry-After: 5} (the handler hears nothing of them); requests in the dialogs of calls already up go on,
     *   so those calls last to their end. The trunk un-REGISTERs ({@code Expires: 0}) and stops registering and
     *   pinging the PBXs; {@link #trunkStatus()} shows {@link RegistrationState#STANDBY}. {@link #publish} still
     *   remembers the counts but sends the PBX nothing, and every message-summary subscription ends with a
     *   {@code terminated;reason=deactivated} NOTIFY.</li>
     *   <li>Active: requests are answered as usual; the trunk registers at once at the primary PBX (failing over as
     *   usual), and once registered sends the PBX the remembered counts of every mailbox with messages.</li>
     * </ul>
     */
    public void setActive(boolean active) {
        // The flag and the scheduler's queue change together: concurrent calls leave the trunk as the flag says.
        synchronized (standby) {
            if (!standby.setActive(active)) {
                return;
            }
            log.info("SIP endpoint on {} is {}", address, active ? "active" : "standby");
            trunk.ifPresent(t -> t.setActive(active));
            if (!active) {
                subscriptions.deactivate();
            }
        }
    }

    /** Whether the endpoint is active (not standby). Thread-safe. */
    public boolean active() {
        return standby.active();
    }

    /**
     * Pings a peer node (another Postbox) with an out-of-dialog OPTIONS. Works standby too. Thread-safe; returns at
     * once (the request is sent and timed on the endpoint's scheduler thread).
     *
     * @param target    the peer's SIP address
     * @param transport how to reach it
     * @param timeout   how long to wait for a final response (positive)
     * @return completes {@code true} on any final response (a standby peer's 503 included: it is alive),
     *         {@code false} on a transport error or when no final response came within {@code timeout}; completed on
     *         a thread of its own (never JAIN-SIP's or the scheduler's)
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public CompletableFuture<Boolean> ping(InetSocketAddress target, Transport transport, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a ping timeout must be positive, was " + timeout);
        }
        return probe.ping(target, transport, timeout);
    }

    /** Message-summary subscriptions alive now. */
    int subscriptions() {
        return subscriptions.count();
    }

    /** How many malformed messages were answered with 400 or dropped since the start. */
    public MalformedMessageCounts malformedMessages() {
        return malformed.counts();
    }

    /**
     * Sends BYE on every answered call (480 on one still being decided), un-REGISTERs the trunk (waiting up to 2 s
     * for the answer), then stops the stack, which takes about a second (JAIN-SIP waits for its threads).
     * Blocking; idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<SipCall> live = List.copyOf(calls.values());
        live.forEach(SipCall::shutdown);
        trunk.ifPresent(TrunkClient::close);
        subscriptions.close();
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(2, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.stop();
        log.info("SIP stopped on {} ({} calls ended by the close)", address, live.size());
    }
}
