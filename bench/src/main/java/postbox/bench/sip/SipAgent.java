package postbox.bench.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries every benchmark call's SIP over one UDP socket on 127.0.0.1: sends requests, retransmits them on timers A
 * and E (500 ms doubling; BYE capped at 4 s) until answered or 32 s have passed, and hands what comes back to the
 * call it belongs to (by Call-ID). Requests the server sends outside a known call, and anything but BYE, get no
 * answer. Thread-safe; the {@link Listener} is called on the agent's receive or timer thread and must be quick.
 */
public final class SipAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SipAgent.class);
    private static final long T1_MILLIS = 500;
    private static final long T2_MILLIS = 4000;
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the benchmark hears about its calls. */
    public interface Listener {
        /** 200 OK with an SDP answer arrived and was ACKed. */
        void answered(UacCall call);

        /** The INVITE failed (a final error, no answer, a bad answer). */
        void failed(UacCall call);

        /** The call is over (our BYE answered or timed out, or the server's BYE). */
        void ended(UacCall call);
    }

    private final DatagramChannel channel;
    private final InetSocketAddress server;
    private final UacMessages messages;
    private final Listener listener;
    private final String runTag = HexFormat.of().toHexDigits(RANDOM.nextInt());
    private final Map<String, UacCall> calls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sip-timers").daemon().factory());
    private final Thread receiver;
    private volatile boolean closed;

    private SipAgent(DatagramChannel channel, InetSocketAddress server, Listener listener) throws IOException {
        this.channel = channel;
        this.server = server;
        this.listener = listener;
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        this.messages = new UacMessages(local.getAddress().getHostAddress() + ":" + local.getPort(),
                server.getAddress().getHostAddress() + ":" + server.getPort());
        this.receiver = Thread.ofPlatform().name("sip-receiver").daemon().unstarted(this::receive);
    }

    /** Opens the socket on {@code host}, an ephemeral port, and starts receiving. */
    public static SipAgent open(String host, InetSocketAddress server, Listener listener) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(host, 0));
            SipAgent agent = new SipAgent(channel, server, listener);
            agent.receiver.start();
            return agent;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A new call (not started) from user {@code 10000 + index} to {@code mailbox}, offering RTP at
     * {@code rtpHost:rtpPort}.
     */
    public UacCall newCall(int index, String mailbox, String rtpHost, int rtpPort) {
        String tag = runTag + HexFormat.of().toHexDigits(RANDOM.nextInt());
        UacMessages.Party party = new UacMessages.Party("bench-" + runTag + "-" + index + "@" + rtpHost,
                String.valueOf(10000 + index), tag, mailbox);
        UacCall call = new UacCall(index, messages, party, Sdp.offer(rtpHost, rtpPort, 1000 + index));
        calls.put(call.callId(), call);
        return call;
    }

    /** Sends the call's INVITE and starts timer A. Any thread. */
    public void invite(UacCall call) {
        send(call.invite(System.nanoTime()));
        schedule(call, T1_MILLIS, Long.MAX_VALUE);
    }

    /** Sends the call's BYE (if it is up) and starts timer E. Any thread. */
    public void hangUp(UacCall call) {
        String bye = call.bye(System.nanoTime());
        if (bye != null) {
            send(bye);
            schedule(call, T1_MILLIS, T2_MILLIS);
        }
    }

    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        try {
            channel.close();
            receiver.join(1000);
        } catch (IOException e) {
            log.debug("closing the SIP socket", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(UacCall call, long delayMillis, long capMillis) {
        if (closed) {
            return;
        }
        timers.schedule(() -> {
            if (!call.awaitingResponse()) {
                return;
            }
            UacCall.Step step = call.retransmit(System.nanoTime());
            apply(call, step);
            if (call.awaitingResponse()) {
                schedule(call, Math.min(delayMillis * 2, capMillis), capMillis);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (!closed) {
            try {
                buffer.clear();
                channel.receive(buffer);
                long nowNanos = System.nanoTime();
                buffer.flip();
                handle(StandardCharsets.UTF_8.decode(buffer).toString(), nowNanos);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("SIP receive failed", e);
                }
            }
        }
    }

    private void handle(String text, long nowNanos) {
        if (text.isBlank()) {
            return; // keep-alive
        }
        SipMessage message;
        try {
            message = SipMessage.parse(text);
        } catch (IllegalArgumentException e) {
            log.warn("Dropped an unreadable datagram from the server: {}", e.getMessage());
            return;
        }
        UacCall call = message.header("Call-ID").map(calls::get).orElse(null);
        if (call == null) {
            return;
        }
        apply(call, message.isResponse() ? call.onResponse(message, nowNanos) : call.onRequest(message));
    }

    private void apply(UacCall call, UacCall.Step step) {
        step.send().forEach(this::send);
        switch (step.outcome()) {
            case ANSWERED -> listener.answered(call);
            case FAILED -> listener.failed(call);
            case ENDED -> listener.ended(call);
            case NONE -> { }
        }
    }

    private void send(String text) {
        try {
            channel.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), server);
        } catch (IOException e) {
            if (!closed) {
                log.warn("SIP send failed", e);
            }
        }
    }
}
