package postbox.media.rtp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;

/**
 * The RTP ports a node may bind: an even port for RTP and the odd port above it for RTCP, from {@code [min, max]},
 * handed out round-robin so a pair just released is not reused at once; {@code 0..0} takes an ephemeral even port
 * whose neighbour is free. Thread-safe.
 */
public final class PortRange {
    private static final int EPHEMERAL_ATTEMPTS = 64;
    private final int min;
    private final int max;
    private int next;

    /** Ports {@code min..max}, or 0..0 for ephemeral ports. */
    public PortRange(int min, int max) {
        this.min = min;
        this.max = max;
        this.next = min + (min & 1);
    }

    /** Binds an RTP socket on an even port and its RTCP socket on the next port, both on {@code address}. */
    public synchronized SocketPair bindPair(InetAddress address) throws IOException {
        return max == 0 ? bindEphemeral(address) : bindInRange(address);
    }

    private SocketPair bindInRange(InetAddress address) throws IOException {
        int first = min + (min & 1);
        int count = (max - first) / 2 + 1;
        for (int attempt = 0; attempt < count; attempt++) {
            int port = next;
            next = port + 2 > max ? first : port + 2;
            if (port + 1 > max) {
                continue;
            }
            SocketPair pair = tryPair(address, port);
            if (pair != null) {
                return pair;
            }
        }
        throw new BindException("No free even RTP port in " + min + ".." + max + " on " + address.getHostAddress()
                + " (each needs the port above it free for RTCP).");
    }

    private static SocketPair bindEphemeral(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < EPHEMERAL_ATTEMPTS; attempt++) {
            RtpSocket probe = RtpSocket.open(address, 0);
            int port = probe.localAddress().getPort();
            if ((port & 1) == 0 && port < 65535) {
                try {
                    return new SocketPair(probe, RtpSocket.open(address, port + 1));
                } catch (BindException taken) {
                    // the neighbour is in use: try another port
                }
            }
            probe.close();
        }
        throw new BindException("No ephemeral even RTP port with a free RTCP port above it on "
                + address.getHostAddress() + ".");
    }

    private static SocketPair tryPair(InetAddress address, int port) throws IOException {
        RtpSocket rtp;
        try {
            rtp = RtpSocket.open(address, port);
        } catch (BindException taken) {
            return null;
        }
        try {
            return new SocketPair(rtp, RtpSocket.open(address, port + 1));
        } catch (BindException taken) {
            rtp.close();
            return null;
        }
    }
}
