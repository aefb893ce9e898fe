package postbox.bench.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;

/**
 * Finds local ports that are free now on 127.0.0.1 (the kernel picks them; they are released at once, so another
 * process could take one in between: good enough for a benchmark on a quiet machine). Thread-safe.
 */
public final class FreePorts {
    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    /** A port free for both TCP and UDP (SIP listens on both). */
    public static int tcpAndUdp() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                int port = tcp.getLocalPort();
                try (DatagramChannel udp = DatagramChannel.open()) {
                    udp.bind(new InetSocketAddress(loopback, port));
                    return port;
                } catch (IOException taken) {
                    // UDP side in use: try another
                }
            }
        }
        throw new IOException("no port free for both TCP and UDP on 127.0.0.1 after " + ATTEMPTS + " tries");
    }
}
