package postbox.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds ports free for both UDP and TCP on 127.0.0.1, so tests can run side by side. */
final class FreePorts {

    private FreePorts() {
    }

    /** A port free for UDP and TCP now. */
    static int udpAndTcp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 60000);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found on 127.0.0.1");
    }

    /** The first of {@code count} consecutive ports, all free for UDP. */
    static int udpRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 60000 - count) & ~1;
            boolean all = true;
            for (int p = base; p < base + count && all; p++) {
                all = free(p);
            }
            if (all) {
                return base;
            }
        }
        throw new IllegalStateException("no free UDP range of " + count + " ports on 127.0.0.1");
    }

    private static boolean free(int port) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, port));
             ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(lo, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
