package postbox.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import postbox.bench.rtp.MeasureWindow;
import postbox.bench.rtp.MediaStream;
import postbox.bench.rtp.PortPairs;
import postbox.bench.rtp.RtpReceiver;
import postbox.bench.rtp.RtpSender;
import postbox.bench.rtp.StreamTotals;
import postbox.bench.sip.SipAgent;
import postbox.bench.sip.UacCall;
import postbox.bench.stats.Percentiles;

/**
 * The generator's media side for one run: a {@link MediaStream} per call, the {@link RtpSender}, the
 * {@link RtpReceiver}s (each reads a share of the sockets) and the {@link CallTracker} that starts and stops each
 * stream as its call is answered and ends. Opened, started, {@linkplain #stop stopped} and closed by the run's
 * thread; the counts for the progress line are thread-safe; the totals are read after {@link #stop}.
 */
final class LoadGenerator implements AutoCloseable {
    /** Receive threads: each one selects over half the calls' sockets. */
    static final int RECEIVERS = 2;

    private final List<MediaStream> streams;
    private final CallTracker tracker;
    private final RtpSender sender;
    private final List<RtpReceiver> receivers = new ArrayList<>();

    private LoadGenerator(List<MediaStream> streams, MeasureWindow window, int windowSeconds) throws IOException {
        this.streams = streams;
        this.tracker = new CallTracker(streams);
        this.sender = new RtpSender(streams, window, windowSeconds);
        for (int r = 0; r < RECEIVERS; r++) {
            int share = r;
            receivers.add(new RtpReceiver("rtp-receiver-" + r,
                    streams.stream().filter(s -> s.call() % RECEIVERS == share).toList(), window));
        }
    }

    /** Opens an RTP/RTCP port pair on {@code host} for each of {@code calls} calls. */
    static LoadGenerator open(int calls, String host, MeasureWindow window, int windowSeconds) throws IOException {
        List<MediaStream> streams = new ArrayList<>(calls);
        PortPairs ports = new PortPairs(host);
        try {
            for (int i = 0; i < calls; i++) {
                streams.add(MediaStream.open(i, ports, windowSeconds * 50));
            }
            return new LoadGenerator(streams, window, windowSeconds);
        } catch (IOException | RuntimeException e) {
            for (MediaStream stream : streams) {
                stream.close();
            }
            throw e;
        }
    }

    /** Starts the receivers and the sender (which sends for answered calls only). */
    void start() {
        receivers.forEach(RtpReceiver::start);
        sender.start();
    }

    /** The SIP side of every call, to {@code mailbox}, offering its stream's port. */
    List<UacCall> calls(SipAgent agent, String mailbox, String host) throws IOException {
        List<UacCall> calls = new ArrayList<>(streams.size());
        for (MediaStream stream : streams) {
            calls.add(agent.newCall(stream.call(), mailbox, host, stream.port()));
        }
        return calls;
    }

    /** Answered, failed and ended calls. */
    CallTracker tracker() {
        return tracker;
    }

    /** Stops sending (all calls at once, at a tick boundary). */
    void stopMedia() throws InterruptedException {
        sender.close();
    }

    /** Stops sending and receiving; the totals can be read from then on. Idempotent. */
    void stop() throws IOException, InterruptedException {
        sender.close();
        for (RtpReceiver receiver : receivers) {
            receiver.close();
        }
    }

    /** Packets sent so far. */
    long packetsSent() {
        return sender.packetsSent();
    }

    /** Packets received so far. */
    long packetsReceived() {
        return receivers.stream().mapToLong(RtpReceiver::packets).sum();
    }

    /** How many frames each call sent. After {@link #stop}. */
    int[] framesSent() {
        return streams.stream().mapToInt(MediaStream::framesSent).toArray();
    }

    /** What arrived, summed over the calls. After {@link #stop}. */
    StreamTotals totals() {
        return StreamTotals.of(streams.stream().map(MediaStream::arrivals).toList(),
                streams.stream().mapToLong(MediaStream::sendFailures).sum());
    }

    /** The sender's lateness in the window, µs. After {@link #stop}. */
    Percentiles lateness() {
        return sender.lateness();
    }

    /** The sender's time per tick in the window, µs. After {@link #stop}. */
    Percentiles burst() {
        return sender.burst();
    }

    /** Times the sender fell more than 100 ms behind. After {@link #stop}. */
    long rebases() {
        return sender.rebases();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            for (MediaStream stream : streams) {
                stream.close();
            }
        }
    }
}
