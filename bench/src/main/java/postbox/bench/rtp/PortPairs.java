package postbox.bench.rtp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Hands out RTP/RTCP port pairs on one address, as an RFC 3550 endpoint has them: RTP on an even port, RTCP on
 * the odd one above it, both bound, from {@value #FIRST} up (ports taken by another process are skipped). The
 * server sends RTCP to the RTP port + 1: with ephemeral ports that could be another call's RTP socket. The RTCP
 * socket is never read (a small buffer that fills and then drops). Not thread-safe: the run's thread.
 */
public final class PortPairs {
    static final int FIRST = 40_000;
    static final int LAST = 60_998;
    private static final int RTCP_BUFFER_BYTES = 4096;

    /** A bound pair: {@code rtp} on an even port, {@code rtcp} on the next. */
    record Pair(DatagramChannel rtp, DatagramChannel rtcp) {
    }

    private final String host;
    private int next = FIRST;

    public PortPairs(String host) {
        this.host = host;
    }

    /** The next free pair; the RTP channel is non-blocking. */
    Pair open() throws IOException {
        while (next <= LAST) {
            int port = next;
            next += 2;
            DatagramChannel rtp = DatagramChannel.open();
            DatagramChannel rtcp = DatagramChannel.open();
            try {
                rtp.bind(new InetSocketAddress(host, port));
                rtcp.setOption(StandardSocketOptions.SO_RCVBUF, RTCP_BUFFER_BYTES);
                rtcp.bind(new InetSocketAddress(host, port + 1));
                rtp.configureBlocking(false);
                return new Pair(rtp, rtcp);
            } catch (BindException taken) {
                rtp.close();
                rtcp.close();
            } catch (IOException | RuntimeException e) {
                rtp.close();
                rtcp.close();
                throw e;
            }
        }
        throw new BindException("no free RTP/RTCP port pair left in " + FIRST + ".." + (LAST + 1) + " on " + host);
    }
}
