package postbox.media.rtp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * The RTP ports a node may bind: even ports in {@code [min, max]} (the odd neighbour stays free for RTCP),
 * handed out round-robin so a port just released is not reused at once; {@code 0..0} binds an ephemeral port.
 * Thread-safe.
 */
public final class PortRange {
    private final int min;
    private final int max;
    private int next;

    /** Ports {@code min..max}, or 0..0 for ephemeral ports. */
    public PortRange(int min, int max) {
        this.min = min;
        this.max = max;
        this.next = min + (min & 1);
    }

    /** Binds {@code channel} on {@code address} to a free port from the range. */
    public synchronized void bind(DatagramChannel channel, InetAddress address) throws IOException {
        if (max == 0) {
            channel.bind(new InetSocketAddress(address, 0));
            return;
        }
        int first = min + (min & 1);
        int count = (max - first) / 2 + 1;
        for (int attempt = 0; attempt < count; attempt++) {
            int port = next;
            next = port + 2 > max ? first : port + 2;
            try {
                channel.bind(new InetSocketAddress(address, port));
                return;
            } catch (BindException inUse) {
                // taken by another leg or process: try the next one
            }
        }
        throw new BindException("No free even RTP port in " + min + ".." + max + " on "
                + address.getHostAddress() + ".");
    }
}
