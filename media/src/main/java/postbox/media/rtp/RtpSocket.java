package postbox.media.rtp;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A leg's non-blocking UDP socket with preallocated buffers: {@link #receive} copies the next datagram into
 * {@link #packet()} and {@link #send} sends from a caller's array, both without allocating (the JDK caches the
 * sender's address while it stays the same). Tick thread only, except {@link #localAddress}.
 */
public final class RtpSocket implements AutoCloseable {
    /** The largest datagram read whole. */
    public static final int MAX_PACKET = 2048;

    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_PACKET);
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(MAX_PACKET);
    private final byte[] packet = new byte[MAX_PACKET];
    private InetSocketAddress source;

    private RtpSocket(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Opens a non-blocking socket on {@code address} at {@code port} (0: ephemeral). Blocking, caller's thread.
     *
     * @throws java.net.BindException when the port is taken
     */
    public static RtpSocket open(InetAddress address, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(address, port));
            return new RtpSocket(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Where the socket is bound. Thread-safe. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Reads the next waiting datagram into {@link #packet()}.
     *
     * @return its length, or -1 when none is waiting
     */
    public int receive() throws IOException {
        receiveBuffer.clear();
        SocketAddress from = channel.receive(receiveBuffer);
        if (from == null) {
            return -1;
        }
        source = (InetSocketAddress) from;
        int length = receiveBuffer.position();
        receiveBuffer.flip();
        receiveBuffer.get(packet, 0, length);
        return length;
    }

    /** The last datagram received. */
    public byte[] packet() {
        return packet;
    }

    /** Where the last datagram came from. */
    public InetSocketAddress source() {
        return source;
    }

    /**
     * Sends {@code bytes[0, length)} to {@code target}.
     *
     * @return false when the socket could not take it (buffer full or an error)
     */
    public boolean send(byte[] bytes, int length, InetSocketAddress target) {
        sendBuffer.clear();
        sendBuffer.put(bytes, 0, length).flip();
        try {
            return channel.send(sendBuffer, target) == length;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the socket. Idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
