package postbox.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Postbox's SIP user agent server on JAIN-SIP RI, listening on UDP and TCP at {@link SipConfig#host()}:
 * {@link SipConfig#port()}. Incoming INVITEs are negotiated (PCMU / PCMA / telephone-event; 488 when nothing
 * matches) and handed to the {@link CallHandler} as {@link IncomingCall}s; accepted calls get 180 and 200 OK with
 * the SDP answer, then their {@link CallListener} hears ACK, re-INVITE (hold / resume) and the end of the call.
 * OPTIONS gets 200, other methods 405, malformed requests 400 (see {@link #malformedMessages()}).
 *
 * <p>Each endpoint owns its own JAIN-SIP stack (a unique stack name), so several can run in one JVM. The stack
 * logs through SLF4J ({@link Slf4jStackLogger}, and every SIP message at DEBUG on {@code postbox.sip.wire}).
 * UDP is read by one thread that also runs the handler and listeners (so an INVITE is fully handled before its
 * CANCEL is read); each TCP connection has its own thread. The handler and listeners must therefore return at once.
 * Thread-safe. {@link #close()} must be called: the stack runs a non-daemon thread.
 */
public final class SipEndpoint implements AutoCloseable {

    /** RFC 3261's 64*T1: how long a 200 OK may go unacknowledged before the call is given up. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(32);

    private static final Logger log = LoggerFactory.getLogger(SipEndpoint.class);
    private static final AtomicLong STACKS = new AtomicLong();
    private static final long TIMER_TICK_MS = 500;

    private final SipStackImpl stack;
    private final Map<String, SipCall> calls;
    private final ExecutorService control;
    private final MalformedMessages malformed;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SipEndpoint(SipStackImpl stack, Map<String, SipCall> calls, ExecutorService control,
                        MalformedMessages malformed, InetSocketAddress address) {
        this.stack = stack;
        this.calls = calls;
        this.control = control;
        this.malformed = malformed;
        this.address = address;
    }

    /**
     * Starts listening on UDP and TCP.
     *
     * @param config  where to listen and what to accept
     * @param handler decides about each new call, on a JAIN-SIP thread (it must return at once)
     * @return the running endpoint
     * @throws IOException              when the port cannot be bound (or the stack cannot start)
     * @throws IllegalArgumentException when {@link SipConfig#userAgent()} is not a valid header value
     */
    public static SipEndpoint start(SipConfig config, CallHandler handler) throws IOException {
        return start(config, handler, ACK_TIMEOUT);
    }

    /** As {@link #start(SipConfig, CallHandler)}, with the time a 200 OK may wait for its ACK. */
    static SipEndpoint start(SipConfig config, CallHandler handler, Duration ackTimeout) throws IOException {
        OutgoingMessages messages = new OutgoingMessages(new MessageFactoryImpl(), new HeaderFactoryImpl(),
                new AddressFactoryImpl(), config);
        SipStackImpl stack = createStack(config, ackTimeout);
        ExecutorService control = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("postbox-sip-control-" + config.port()).factory());
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
            CallContext context = new CallContext(provider, messages, config, control,
                    call -> calls.remove(call.callId(), call));
            provider.addSipListener(new UserAgentServer(handler, context, calls));
            SipEndpoint endpoint = new SipEndpoint(stack, calls, control, malformed,
                    new InetSocketAddress(config.host(), config.port()));
            log.info("SIP listening on {}:{} (UDP, TCP) as stack {}", config.host(), config.port(),
                    stack.getStackName());
            started = true;
            return endpoint;
        } catch (SipException | InvalidArgumentException | TooManyListenersException e) {
            throw new IOException("cannot listen for SIP on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        } finally {
            if (!started) {
                control.shutdownNow();
                stack.stop();
            }
        }
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

    /** How many malformed messages were answered with 400 or dropped since the start. */
    public MalformedMessageCounts malformedMessages() {
        return malformed.counts();
    }

    /**
     * Sends BYE on every answered call (480 on one still being decided), then stops the stack, which takes about a
     * second (JAIN-SIP waits for its threads). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<SipCall> live = List.copyOf(calls.values());
        live.forEach(SipCall::shutdown);
        control.shutdown();
        try {
            if (!control.awaitTermination(2, TimeUnit.SECONDS)) {
                control.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.stop();
        log.info("SIP stopped on {} ({} calls ended by the close)", address, live.size());
    }
}
