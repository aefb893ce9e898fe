package postbox.bench.rtp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import postbox.bench.audio.FrameMark;
import postbox.bench.stats.IntSeries;
import postbox.bench.stats.Percentiles;

/**
 * The one thread that sends every call's RTP: on absolute 20 ms deadlines ({@code deadline += 20 ms}) it sends
 * one packet for each stream that is sending. It measures its own lateness (tick start − deadline) inside the
 * {@link MeasureWindow}, so a late generator is seen and not blamed on the server. A little behind, it catches up
 * (the next ticks follow at once); more than 100 ms behind, it skips the missed ticks and counts a rebase: their
 * packets are never sent but their sequence numbers and timestamps pass, as if lost on the way, so every stream's
 * RTP timeline stays on the wall clock (the frame counters stay contiguous: the recordings do not count them as
 * lost). {@link #start} and {@link #close} from the run's thread; the statistics are read after {@link #close}.
 */
public final class RtpSender implements AutoCloseable {
    private static final long FRAME_NANOS = 20_000_000;
    private static final long REBASE_NANOS = 100_000_000;

    private final MediaStream[] streams;
    private final MeasureWindow window;
    private final IntSeries latenessMicros;
    private final IntSeries burstMicros;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long packetsSent;
    private long rebases;

    /** @param windowSeconds the window's planned length (sizes the sample store) */
    public RtpSender(List<MediaStream> streams, MeasureWindow window, int windowSeconds) {
        this.streams = streams.toArray(MediaStream[]::new);
        this.window = window;
        int ticks = windowSeconds * 50 + 100;
        this.latenessMicros = new IntSeries(ticks);
        this.burstMicros = new IntSeries(ticks);
        this.thread = Thread.ofPlatform().name("rtp-sender").daemon().priority(Thread.MAX_PRIORITY)
                .unstarted(this::run);
    }

    /** Starts ticking. */
    public void start() {
        thread.start();
    }

    /** Packets sent so far (for the progress line). Thread-safe. */
    public long packetsSent() {
        return packetsSent;
    }

    /** Stops after the current tick and waits for the thread. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
    }

    /** Tick start − deadline in the window, µs. After {@link #close}. */
    public Percentiles lateness() {
        return latenessMicros.percentiles();
    }

    /** Time to send one tick's packets in the window, µs. After {@link #close}. */
    public Percentiles burst() {
        return burstMicros.percentiles();
    }

    /** Times it fell more than 100 ms behind. After {@link #close}. */
    public long rebases() {
        return rebases;
    }

    private void run() {
        byte[] packet = new byte[RtpPacket.LENGTH];
        short[] pcm = new short[FrameMark.SAMPLES];
        ByteBuffer buffer = ByteBuffer.allocateDirect(RtpPacket.LENGTH);
        long deadline = System.nanoTime() + FRAME_NANOS;
        long sent = 0;
        while (running) {
            for (long wait; running && (wait = deadline - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            if (!running) {
                return;
            }
            long startNanos = System.nanoTime();
            for (MediaStream stream : streams) {
                if (stream.sending()) {
                    stream.send(packet, pcm, buffer);
                    sent++;
                }
            }
            packetsSent = sent;
            long endNanos = System.nanoTime();
            if (window.contains(startNanos)) {
                latenessMicros.add((int) ((startNanos - deadline) / 1000));
                burstMicros.add((int) ((endNanos - startNanos) / 1000));
            }
            deadline += FRAME_NANOS;
            if (endNanos - deadline > REBASE_NANOS) {
                int skipped = (int) ((endNanos - deadline) / FRAME_NANOS) + 1;
                for (MediaStream stream : streams) {
                    if (stream.sending()) {
                        stream.skip(skipped);
                    }
                }
                rebases++;
                deadline += skipped * FRAME_NANOS;
            }
        }
    }
}
