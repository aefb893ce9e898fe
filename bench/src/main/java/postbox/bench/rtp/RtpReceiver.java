package postbox.bench.rtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that reads the server's packets for a share of the calls through one {@link Selector}, and timestamps
 * each with {@link System#nanoTime} as it reads it (so the timestamps include this thread's own scheduling) into
 * the stream's {@link ArrivalStats}. {@link #start} and {@link #close} from the run's thread; {@link #packets} is
 * thread-safe.
 */
public final class RtpReceiver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtpReceiver.class);
    private static final long SELECT_TIMEOUT_MILLIS = 100;

    private final Selector selector;
    private final MeasureWindow window;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long packets;
    private long read;

    /** Registers {@code streams}' sockets; the thread starts with {@link #start}. */
    public RtpReceiver(String name, List<MediaStream> streams, MeasureWindow window) throws IOException {
        this.selector = Selector.open();
        this.window = window;
        for (MediaStream stream : streams) {
            stream.channel().register(selector, SelectionKey.OP_READ, stream);
        }
        this.thread = Thread.ofPlatform().name(name).daemon().priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    /** Starts reading. */
    public void start() {
        thread.start();
    }

    /** Packets read so far. Thread-safe. */
    public long packets() {
        return packets;
    }

    /** Stops and waits for the thread; the streams' statistics are then safe to read. Idempotent. */
    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        selector.wakeup();
        thread.join();
        selector.close();
    }

    private void run() {
        try {
            while (running) {
                selector.select(this::drain, SELECT_TIMEOUT_MILLIS);
                packets = read;
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.error("RTP receiver {} stopped", thread.getName(), e);
            }
        }
    }

    private void drain(SelectionKey key) {
        MediaStream stream = (MediaStream) key.attachment();
        DatagramChannel channel = (DatagramChannel) key.channel();
        ArrivalStats arrivals = stream.arrivals();
        try {
            while (true) {
                buffer.clear();
                if (channel.receive(buffer) == null) {
                    return;
                }
                long nowNanos = System.nanoTime();
                read++;
                if (RtpPacket.isRtp(buffer, buffer.position())) {
                    arrivals.arrive(nowNanos, RtpPacket.sequence(buffer), window.contains(nowNanos));
                }
            }
        } catch (IOException e) {
            key.cancel();
            log.warn("RTP socket of call {} failed; no more reads from it", stream.call(), e);
        }
    }
}
