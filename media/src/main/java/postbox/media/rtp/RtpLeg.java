package postbox.media.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jitsi.service.neomedia.RawPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import postbox.media.Frames;
import postbox.media.MediaEvent;
import postbox.media.MediaLeg;
import postbox.media.MediaSource;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import postbox.media.RemoteMedia;
import postbox.media.clock.Tickable;
import postbox.media.codec.G711;
import postbox.media.jitter.JitterBuffer;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;
import postbox.media.record.Recording;

/**
 * One call's RTP leg. The {@link MediaLeg} methods are thread-safe: they queue a command (lock-free) and
 * return. {@link #tick} runs on the clock's thread: apply commands → drain the socket (RTP parsed with
 * libjitsi's {@link RawPacket} statics; symmetric RTP latches the send address to the source of the peer's
 * packets; telephone-events → DTMF, audio → jitter buffer) → one frame from the jitter buffer into the
 * recording → RTP timeout → one frame from the playback, encoded and sent.
 *
 * <p>Symmetric RTP: after each {@link #connect} to a new address, the send address latches to the source of the
 * first packet carrying the negotiated audio or telephone-event payload type; packets from elsewhere do not
 * move it again until the next such connect.
 */
public final class RtpLeg implements MediaLeg, Tickable {
    private static final Logger log = LoggerFactory.getLogger(RtpLeg.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MediaEvent.Dtmf[] DTMF = new MediaEvent.Dtmf[16];
    private static final MediaEvent.RtpTimeout RTP_TIMEOUT = new MediaEvent.RtpTimeout();
    private static final int MAX_PAYLOAD_SAMPLES = 960;
    private static final int RTP_HEADER = 12;

    static {
        for (int i = 0; i < DTMF.length; i++) {
            DTMF[i] = new MediaEvent.Dtmf(DtmfReceiver.key(i));
        }
    }

    private final String callId;
    private final RtpSocket socket;
    private final Counters counters;
    private final long rtpTimeoutNanos;
    private final Queue<LegCommand> commands = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean released;

    private final JitterBuffer jitter;
    private final DtmfReceiver dtmf = new DtmfReceiver();
    private final Playback playback;
    private final RtpSender sender;
    private final short[] decoded = new short[MAX_PAYLOAD_SAMPLES];
    private final short[] heard = new short[Frames.SAMPLES];
    private final short[] spoken = new short[Frames.SAMPLES];
    private RemoteMedia remote;
    private G711 codec;
    private InetSocketAddress target;
    private boolean latched;
    private Recording recording;
    private long lastPacketNanos;
    private boolean timeoutPosted;
    private long lastTickNanos;

    /**
     * A leg on a bound socket. Caller's thread; the leg does nothing until a clock ticks it.
     *
     * @param counters    the counters of the clock that will tick it
     * @param rtpTimeout  how long the peer may stay silent (while it should be sending) before RtpTimeout
     * @param jitterDelay the jitter buffer's delay (a multiple of 20 ms)
     */
    public RtpLeg(String callId, RtpSocket socket, Counters counters, Duration rtpTimeout, Duration jitterDelay) {
        this.callId = callId;
        this.socket = socket;
        this.counters = counters;
        this.rtpTimeoutNanos = rtpTimeout.toNanos();
        this.jitter = new JitterBuffer((int) (jitterDelay.toMillis() / Frames.MILLIS), counters);
        this.playback = new Playback(events, counters);
        this.sender = new RtpSender(RANDOM.nextInt(), RANDOM.nextInt(), RANDOM.nextInt());
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public void connect(RemoteMedia remote) {
        G711.forEncoding(remote.codec());
        submit(new LegCommand.Connect(remote));
    }

    @Override
    public long play(MediaSource source, boolean bargeIn) {
        long id = ids.incrementAndGet();
        submit(new LegCommand.Play(id, source, bargeIn));
        return id;
    }

    @Override
    public void stopPlay() {
        submit(new LegCommand.StopPlay());
    }

    @Override
    public Recorder record(RecordSpec spec, PcmOutput output) {
        Recording started = new Recording(ids.incrementAndGet(), spec, output, callId);
        started.start();
        submit(new LegCommand.Record(started));
        return started;
    }

    @Override
    public void stopRecord() {
        submit(new LegCommand.StopRecord());
    }

    @Override
    public BlockingQueue<MediaEvent> events() {
        return events;
    }

    @Override
    public void post(MediaEvent event) {
        events.add(event);
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            submit(new LegCommand.Close());
        }
    }

    @Override
    public boolean tick(long tickNanos) {
        lastTickNanos = tickNanos;
        if (!applyCommands(tickNanos)) {
            return false;
        }
        drainSocket(tickNanos);
        hearFrame();
        checkRtpTimeout(tickNanos);
        speakFrame();
        return true;
    }

    @Override
    public void abort(RuntimeException cause) {
        MDC.put("callId", callId);
        try {
            log.error("Media leg failed on the tick; releasing it", cause);
            if (!released) {
                release(lastTickNanos);
            }
        } catch (RuntimeException e) {
            log.error("Releasing the failed leg failed too", e);
            socket.close();
            released = true;
        } finally {
            events.add(new MediaEvent.Hangup());
            MDC.remove("callId");
        }
    }

    @Override
    public String toString() {
        return "RtpLeg[" + callId + " " + socket.localAddress() + "]";
    }

    private void submit(LegCommand command) {
        commands.add(command);
        if (released) {
            refuseQueued();
        }
    }

    private boolean applyCommands(long nowNanos) {
        for (LegCommand command; (command = commands.poll()) != null; ) {
            switch (command) {
                case LegCommand.Connect c -> connect(c.remote(), nowNanos);
                case LegCommand.Play p -> playback.start(p.id(), p.source(), p.bargeIn());
                case LegCommand.StopPlay s -> playback.stop();
                case LegCommand.Record r -> {
                    finishRecording(RecordStop.STOPPED);
                    recording = r.recording();
                }
                case LegCommand.StopRecord s -> finishRecording(RecordStop.STOPPED);
                case LegCommand.Close c -> {
                    release(nowNanos);
                    return false;
                }
            }
        }
        return true;
    }

    /** One frame from the jitter buffer into the recording, if any. */
    private void hearFrame() {
        jitter.pull(heard);
        if (recording != null) {
            RecordStop stop = recording.append(heard, counters);
            if (stop != null) {
                finishRecording(stop);
            }
        }
    }

    private void checkRtpTimeout(long nowNanos) {
        if (remote != null && remote.receive() && !timeoutPosted && nowNanos - lastPacketNanos >= rtpTimeoutNanos) {
            timeoutPosted = true;
            events.add(RTP_TIMEOUT);
        }
    }

    /** One frame from the playback, sent unless the peer holds us. */
    private void speakFrame() {
        playback.read(spoken);
        if (remote == null || !remote.send()) {
            sender.skip();
        } else if (sender.send(spoken, codec, remote.payloadType(), socket, target)) {
            counters.increment(Counter.PACKETS_OUT);
        } else {
            counters.increment(Counter.SEND_FAILURES);
        }
    }

    private void connect(RemoteMedia media, long nowNanos) {
        if (remote == null || !remote.address().equals(media.address())) {
            target = media.address();
            latched = false;
        }
        if (remote == null || !remote.receive()) {
            lastPacketNanos = nowNanos;
            timeoutPosted = false;
        }
        remote = media;
        codec = G711.forEncoding(media.codec());
    }

    private void drainSocket(long nowNanos) {
        while (true) {
            int length;
            try {
                length = socket.receive();
            } catch (IOException e) {
                return;
            }
            if (length < 0) {
                return;
            }
            counters.increment(Counter.PACKETS_IN);
            onPacket(socket.packet(), length, nowNanos);
        }
    }

    private void onPacket(byte[] packet, int length, long nowNanos) {
        if (remote == null || RawPacket.isInvalid(packet, 0, length) || length < RTP_HEADER
                || RawPacket.getVersion(packet, 0, length) != 2 || isRtcp(packet)) {
            counters.increment(Counter.PACKETS_IGNORED);
            return;
        }
        int payloadLength = RawPacket.getPayloadLength(packet, 0, length, true);
        if (payloadLength < 0) {
            counters.increment(Counter.PACKETS_IGNORED);
            return;
        }
        lastPacketNanos = nowNanos;
        timeoutPosted = false;
        int payloadType = RawPacket.getPayloadType(packet, 0, length);
        boolean audio = payloadType == remote.payloadType();
        if (!audio && payloadType != remote.dtmfPayloadType()) {
            counters.increment(Counter.PACKETS_IGNORED);
            return;
        }
        if (!latched) {
            target = socket.source();
            latched = true;
        }
        int payloadOffset = RawPacket.getPayloadOffset(packet, 0, length);
        long timestamp = RawPacket.getTimestamp(packet, 0, length);
        if (!audio) {
            int event = dtmf.receive(packet, payloadOffset, payloadLength, timestamp);
            if (event >= 0) {
                onKey(DTMF[event]);
            }
            return;
        }
        int samples = Math.min(payloadLength, decoded.length);
        codec.decode(packet, payloadOffset, decoded, 0, samples);
        jitter.push(RawPacket.getSequenceNumber(packet, 0, length), timestamp,
                RawPacket.getSSRC(packet, 0, length), RawPacket.isPacketMarked(packet, 0, length),
                decoded, 0, samples);
    }

    /** RTCP multiplexed on the RTP port (RFC 5761): packet types 192-223 sit where marker + PT would be. */
    private static boolean isRtcp(byte[] packet) {
        int type = packet[1] & 0xFF;
        return type >= 192 && type <= 223;
    }

    private void onKey(MediaEvent.Dtmf key) {
        if (recording != null && recording.stopsOn(key.digit())) {
            finishRecording(RecordStop.KEY);
            return;
        }
        events.add(key);
        if (playback.stopsOnKey()) {
            playback.stop();
        }
    }

    private void finishRecording(RecordStop reason) {
        if (recording != null) {
            events.add(recording.finish(reason));
            recording = null;
        }
    }

    /** The end of the leg: last packets in, the jitter buffer flushed into the recording, socket closed. */
    private void release(long nowNanos) {
        drainSocket(nowNanos);
        while (recording != null && jitter.hasBuffered()) {
            jitter.pull(heard);
            RecordStop stop = recording.append(heard, counters);
            if (stop != null) {
                finishRecording(stop);
            }
        }
        finishRecording(RecordStop.CLOSED);
        playback.discard();
        socket.close();
        released = true;
        refuseQueued();
    }

    /** Completes commands that arrived after the leg was released, so no caller waits for them. */
    private void refuseQueued() {
        for (LegCommand command; (command = commands.poll()) != null; ) {
            switch (command) {
                case LegCommand.Play p -> {
                    p.source().close();
                    events.add(new MediaEvent.PlayDone(p.id(), true));
                }
                case LegCommand.Record r -> events.add(r.recording().finish(RecordStop.CLOSED));
                case LegCommand.Connect c -> { }
                case LegCommand.StopPlay s -> { }
                case LegCommand.StopRecord s -> { }
                case LegCommand.Close c -> { }
            }
        }
    }
}
