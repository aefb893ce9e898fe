package postbox.bench.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One benchmark call's RTP: its non-blocking UDP socket (its port goes into the SDP offer; the RTCP port above it
 * is held but not read), the outgoing stream (random SSRC, sequence and timestamp start; the frame counter starts
 * at 0) and the {@link ArrivalStats} of what the server sends it. Threading: {@link #start} and {@link #stop} from
 * any thread; {@link #send} and {@link #skip} on the sender thread only; {@link #arrivals} written by one receiver
 * thread; the counts are read after those threads stopped.
 */
public final class MediaStream implements AutoCloseable {
    private final int call;
    private final DatagramChannel channel;
    private final DatagramChannel rtcp;
    private final ArrivalStats arrivals;
    private final int ssrc;
    private volatile InetSocketAddress target;
    private volatile boolean sending;
    private int sequence;
    private long timestamp;
    private int counter;
    private boolean marker = true;
    private long sendFailures;

    private MediaStream(int call, PortPairs.Pair ports, int expectedWindowPackets) {
        this.call = call;
        this.channel = ports.rtp();
        this.rtcp = ports.rtcp();
        this.arrivals = new ArrivalStats(expectedWindowPackets);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextInt() & 0xFFFF_FFFFL;
    }

    /** Opens call number {@code call}'s sockets, the next pair from {@code ports}. */
    public static MediaStream open(int call, PortPairs ports, int expectedWindowPackets) throws IOException {
        return new MediaStream(call, ports.open(), expectedWindowPackets);
    }

    /** The call's number in its run. */
    public int call() {
        return call;
    }

    /** The local port (for the SDP offer). */
    public int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** The socket (for a receiver's selector). */
    DatagramChannel channel() {
        return channel;
    }

    /** Starts sending to {@code remote} at the sender's next tick. Any thread. */
    public void start(InetSocketAddress remote) {
        target = remote;
        sending = true;
    }

    /** Stops sending at the sender's next tick. Any thread. */
    public void stop() {
        sending = false;
    }

    /** True while it should send. */
    boolean sending() {
        return sending;
    }

    /**
     * Sends the next frame. Sender thread only.
     *
     * @param packet scratch of {@link RtpPacket#LENGTH} bytes
     * @param pcm    scratch of 160 samples
     * @param buffer a direct buffer of at least {@link RtpPacket#LENGTH} bytes
     */
    void send(byte[] packet, short[] pcm, ByteBuffer buffer) {
        RtpPacket.write(packet, pcm, marker, sequence, timestamp, ssrc, call, counter);
        marker = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + 160) & 0xFFFF_FFFFL;
        counter++;
        buffer.clear();
        buffer.put(packet, 0, RtpPacket.LENGTH).flip();
        try {
            if (channel.send(buffer, target) == 0) {
                sendFailures++;
            }
        } catch (IOException e) {
            sendFailures++;
        }
    }

    /**
     * Lets {@code ticks} frames' time pass unsent, as if lost on the way (sequence number and timestamp advance,
     * the frame counter does not): the sender fell far behind and re-based. Sender thread only.
     */
    void skip(int ticks) {
        sequence = (sequence + ticks) & 0xFFFF;
        timestamp = (timestamp + 160L * ticks) & 0xFFFF_FFFFL;
    }

    /** Frames sent (the last frame's counter is one less). Read after the sender stopped. */
    public int framesSent() {
        return counter;
    }

    /** Frames the socket refused. Read after the sender stopped. */
    public long sendFailures() {
        return sendFailures;
    }

    /** What arrived from the server. Read after the receivers stopped. */
    public ArrivalStats arrivals() {
        return arrivals;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            rtcp.close();
        }
    }
}
