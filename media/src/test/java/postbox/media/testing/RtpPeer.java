package postbox.media.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import postbox.media.Frames;
import postbox.media.RemoteMedia;
import postbox.media.codec.G711;
import postbox.media.rtp.DtmfReceiver;

/**
 * A real RTP peer for tests: a UDP socket on 127.0.0.1 that sends G.711 frames and RFC 4733 key presses to a
 * leg and collects (and decodes) everything the leg sends back. Thread-safe; a platform thread receives (and
 * timestamps arrivals).
 *
 * <p>Typical use with a manual clock: {@code peer.sendTo(leg.localAddress()); leg.connect(peer.media());}
 * then, per tick, {@code peer.sendFrame(frame); clock.advance(1);} (loopback delivers before {@code send}
 * returns, so the tick finds the packet), and {@code peer.awaitPackets(n, timeout)} for what the leg sent.
 * A leg records what it hears 60 ms (3 ticks) late, behind its jitter buffer.
 */
public final class RtpPeer implements AutoCloseable {
    /** The telephone-event payload type {@link #open()} uses. */
    public static final int DTMF_PAYLOAD_TYPE = 101;
    private static final int HEADER = 12;

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final G711 codec;
    private final int payloadType;
    private final int dtmfPayloadType;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final List<Packet> received = new ArrayList<>();
    private final Thread receiver;
    private int sequence = ThreadLocalRandom.current().nextInt(65536);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private boolean marker = true;
    private volatile InetSocketAddress target;

    private RtpPeer(G711 codec, int payloadType, int dtmfPayloadType) throws IOException {
        this.codec = codec;
        this.payloadType = payloadType;
        this.dtmfPayloadType = dtmfPayloadType;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.receiver = Thread.ofPlatform().daemon().name("rtp-peer-" + address.getPort()).start(this::receive);
    }

    /** A PCMU peer (payload type 0) with telephone-events on payload type 101. */
    public static RtpPeer open() throws IOException {
        return open(G711.ULAW, 0, DTMF_PAYLOAD_TYPE);
    }

    /** A peer speaking {@code codec} on {@code payloadType}, telephone-events on {@code dtmfPayloadType}. */
    public static RtpPeer open(G711 codec, int payloadType, int dtmfPayloadType) throws IOException {
        return new RtpPeer(codec, payloadType, dtmfPayloadType);
    }

    /** Where this peer receives (and sends from). */
    public InetSocketAddress address() {
        return address;
    }

    /** What to {@code connect} a leg with: this peer's address and codecs, sending and receiving. */
    public RemoteMedia media() {
        return media(address);
    }

    /** Like {@link #media()}, but advertising another address (as a peer behind NAT would in its SDP). */
    public RemoteMedia media(InetSocketAddress advertised) {
        return new RemoteMedia(advertised, codec.encodingName(), payloadType, dtmfPayloadType, true, true);
    }

    /** Sends from now on to {@code leg}. */
    public RtpPeer sendTo(InetSocketAddress leg) {
        this.target = leg;
        return this;
    }

    /** This peer's SSRC. */
    public int ssrc() {
        return ssrc;
    }

    /** Encodes and sends one 20 ms frame (sequence +1, timestamp +160, marker on the first). */
    public synchronized void sendFrame(short[] frame) throws IOException {
        if (frame.length != Frames.SAMPLES) {
            throw new IllegalArgumentException("a frame has " + Frames.SAMPLES + " samples, not " + frame.length);
        }
        byte[] payload = new byte[Frames.SAMPLES];
        codec.encode(frame, 0, payload, 0, Frames.SAMPLES);
        sendRtp(payloadType, marker, sequence, timestamp, ssrc, payload);
        marker = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + Frames.SAMPLES) & 0xFFFFFFFFL;
    }

    /**
     * Presses {@code key} (RFC 4733): a start packet with the marker, two continuation packets and the end
     * packet three times, all with the current timestamp, sent at once; the stream's timestamp then moves on
     * by the event's 200 ms.
     */
    public synchronized void sendDigit(char key) throws IOException {
        int event = DtmfReceiver.eventCode(key);
        int[] durations = {400, 800, 1200, 1600, 1600, 1600};
        for (int i = 0; i < durations.length; i++) {
            boolean end = i >= 3;
            byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (durations[i] >> 8),
                    (byte) durations[i]};
            sendRtp(dtmfPayloadType, i == 0, sequence, timestamp, ssrc, payload);
            sequence = (sequence + 1) & 0xFFFF;
        }
        timestamp = (timestamp + durations[durations.length - 1]) & 0xFFFFFFFFL;
    }

    /** Sends one RTP packet with the given header fields. */
    public void sendRtp(int type, boolean mark, int seq, long ts, int source, byte[] payload) throws IOException {
        byte[] packet = new byte[HEADER + payload.length];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((mark ? 0x80 : 0) | type);
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (ts >> (24 - 8 * i));
            packet[8 + i] = (byte) (source >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, packet, HEADER, payload.length);
        sendDatagram(packet);
    }

    /** Sends raw bytes (not necessarily RTP). */
    public void sendDatagram(byte[] bytes) throws IOException {
        InetSocketAddress to = target;
        if (to == null) {
            throw new IllegalStateException("call sendTo(leg address) first");
        }
        channel.send(ByteBuffer.wrap(bytes), to);
    }

    /** Everything received so far, in arrival order. */
    public synchronized List<Packet> packets() {
        return List.copyOf(received);
    }

    /**
     * Waits until at least {@code count} packets have arrived.
     *
     * @return all packets received so far
     * @throws AssertionError when they do not arrive within {@code timeout}
     */
    public synchronized List<Packet> awaitPackets(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " RTP packets within " + timeout + ", got "
                        + received.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(received);
    }

    /** The decoded audio of every packet received so far, concatenated in arrival order. */
    public synchronized short[] audio() {
        short[] all = new short[received.stream().mapToInt(p -> p.audio().length).sum()];
        int at = 0;
        for (Packet packet : received) {
            System.arraycopy(packet.audio(), 0, all, at, packet.audio().length);
            at += packet.audio().length;
        }
        return all;
    }

    /** What {@code pcm} sounds like after this peer's codec (encode, then decode). */
    public short[] codecRoundTrip(short[] pcm) {
        byte[] codes = new byte[pcm.length];
        short[] decoded = new short[pcm.length];
        codec.encode(pcm, 0, codes, 0, pcm.length);
        codec.decode(codes, 0, decoded, 0, pcm.length);
        return decoded;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            receiver.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                long arrivalNanos = System.nanoTime();
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                add(parse(bytes, arrivalNanos));
            }
        } catch (ClosedChannelException closed) {
            // closed by close()
        } catch (IOException e) {
            throw new IllegalStateException("RTP peer receive failed", e);
        }
    }

    private synchronized void add(Packet packet) {
        received.add(packet);
        notifyAll();
    }

    private Packet parse(byte[] bytes, long arrivalNanos) {
        int type = bytes[1] & 0x7F;
        short[] audio = new short[type == payloadType ? bytes.length - HEADER : 0];
        codec.decode(bytes, HEADER, audio, 0, audio.length);
        long ts = 0;
        int source = 0;
        for (int i = 0; i < 4; i++) {
            ts = (ts << 8) | (bytes[4 + i] & 0xFF);
            source = (source << 8) | (bytes[8 + i] & 0xFF);
        }
        return new Packet(type, (bytes[1] & 0x80) != 0, ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF), ts, source,
                audio, arrivalNanos);
    }

    /**
     * A packet the leg sent.
     *
     * @param audio        the decoded payload (empty for other payload types)
     * @param arrivalNanos when it arrived ({@link System#nanoTime()})
     */
    public record Packet(int payloadType, boolean marker, int sequence, long timestamp, int ssrc, short[] audio,
                         long arrivalNanos) {
    }
}
