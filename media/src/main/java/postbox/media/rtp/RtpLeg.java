package postbox.media.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
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
import postbox.media.LegStats;
import postbox.media.MediaEvent;
import postbox.media.MediaLeg;
import postbox.media.MediaSource;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import postbox.media.RemoteMedia;
import postbox.media.SrtpKeys;
import postbox.media.clock.Tickable;
import postbox.media.codec.Codec;
import postbox.media.codec.CodecFormat;
import postbox.media.codec.Codecs;
import postbox.media.codec.G711;
import postbox.media.dtmf.DtmfDetector;
import postbox.media.dtmf.DtmfTones;
import postbox.media.jitter.JitterBuffer;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;
import postbox.media.record.Recording;
import postbox.media.rtcp.NtpClock;
import postbox.media.rtcp.ReceptionStats;
import postbox.media.rtcp.Rtcp;
import postbox.media.srtp.PacketBuffer;
import postbox.media.srtp.SrtpSession;

/**
 * One call's RTP leg. The {@link MediaLeg} methods are thread-safe: they queue a command (lock-free) and
 * return ({@link #connect} first creates the codec and SRTP state on the caller's thread). {@link #tick} runs on
 * the clock's thread: apply commands → drain the RTP socket (SRTP unprotected, parsed with libjitsi's
 * {@link RawPacket} statics; symmetric RTP latches the send address to the source of the peer's packets;
 * telephone-events → DTMF, audio → codec → adaptive jitter buffer; RFC 3550 reception statistics) → drain the
 * RTCP socket (the peer's reports) → one frame from the jitter buffer (in-band DTMF detection when the peer has
 * no telephone-event) into the recording, and one more for each tick a re-based clock skipped (up to 50: what the
 * peer sent during a stall is recorded, not dropped by the jitter buffer) → RTP timeout → one frame from the
 * playback, or the keys being sent, encoded and sent → an RTCP report about every 5 s.
 *
 * <p>Symmetric RTP: after each {@link #connect} to a new address, the send address latches to the source of the
 * first packet carrying the negotiated audio or telephone-event payload type; packets from elsewhere do not
 * move it again until the next such connect. RTCP goes to the peer's RTP port + 1, latched likewise to the
 * source of its first RTCP packet.
 *
 * <p>The leg runs at its codec's rate (8 or 16 kHz): frames of 160 or 320 samples through sources, jitter
 * buffer, detector and recorder.
 */
public final class RtpLeg implements MediaLeg, Tickable {
    private static final Logger log = LoggerFactory.getLogger(RtpLeg.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MediaEvent.Dtmf[] DTMF = new MediaEvent.Dtmf[16];
    private static final MediaEvent.RtpTimeout RTP_TIMEOUT = new MediaEvent.RtpTimeout();
    private static final int MAX_DECODED_SAMPLES = 2 * RtpSocket.MAX_PACKET;
    private static final int RTP_HEADER = 12;
    private static final long RTCP_INTERVAL_NANOS = 5_000_000_000L;
    /** The most frames heard at once for ticks a re-based clock skipped (the jitter buffer holds 32). */
    private static final long MAX_CATCH_UP_FRAMES = 50;

    static {
        for (int i = 0; i < DTMF.length; i++) {
            DTMF[i] = new MediaEvent.Dtmf(DtmfReceiver.key(i));
        }
    }

    private final String callId;
    private final SocketPair sockets;
    private final Counters counters;
    private final long rtpTimeoutNanos;
    private final Queue<LegCommand> commands = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean released;

    private final JitterBuffer jitter;
    private final DtmfReceiver dtmf = new DtmfReceiver();
    private final DtmfDetector detector = new DtmfDetector();
    private final Playback playback;
    private final RtpSender sender;
    private final DigitSender digits;
    private final ReceptionStats reception = new ReceptionStats();
    private final NtpClock ntp = new NtpClock();
    private final byte[] cname;
    private final short[] decoded = new short[MAX_DECODED_SAMPLES];
    private final short[] narrowFrame = new short[Frames.SAMPLES];
    private final short[] wideFrame = new short[Frames.WIDEBAND_SAMPLES];
    private final PacketBuffer rtpIn;
    private final PacketBuffer rtcpIn;
    private final byte[] rtcpOut = new byte[512];
    private final PacketBuffer rtcpOutBuffer = new PacketBuffer(rtcpOut);
    private RemoteMedia remote;
    private Codec codec = G711.ULAW;
    private CodecFormat format = G711.ULAW.format();
    private SrtpSession srtp;
    private InetSocketAddress target;
    private boolean latched;
    private InetSocketAddress rtcpTarget;
    private boolean rtcpLatched;
    private Recording recording;
    private long lastPacketNanos;
    private boolean timeoutPosted;
    private long lastTickNanos;
    private boolean ticked;
    private long nextRtcpNanos = Long.MAX_VALUE;
    private long randomState = RANDOM.nextLong() | 1;

    private final Object connectLock = new Object();
    private RemoteMedia connected;
    private SrtpSession connectedSrtp;
    private volatile int sampleRate = Frames.RATE;
    private volatile String codecName = "";
    private volatile long publishedLost;
    private volatile long publishedJitterMicros;
    private volatile int publishedDelayMillis;
    private volatile LegStats.PeerReport peerReport;

    /**
     * A leg on bound sockets. Caller's thread; the leg does nothing until a clock ticks it.
     *
     * @param clockCounters the counters of the clock that will tick it (the leg's own add up there)
     * @param rtpTimeout    how long the peer may stay silent (while it should be sending) before RtpTimeout
     * @param jitterDelay   the jitter buffer's initial delay (a multiple of 20 ms, 20..200 ms)
     */
    public RtpLeg(String callId, SocketPair sockets, Counters clockCounters, Duration rtpTimeout,
                  Duration jitterDelay) {
        this.callId = callId;
        this.sockets = sockets;
        this.counters = new Counters(clockCounters);
        this.rtpTimeoutNanos = rtpTimeout.toNanos();
        this.jitter = new JitterBuffer((int) (jitterDelay.toMillis() / Frames.MILLIS), counters);
        this.playback = new Playback(events, counters);
        this.sender = new RtpSender(RANDOM.nextInt(), RANDOM.nextInt(), RANDOM.nextInt());
        this.digits = new DigitSender(events);
        this.cname = Rtcp.cname(sender.ssrc());
        this.rtpIn = new PacketBuffer(sockets.rtp().packet());
        this.rtcpIn = new PacketBuffer(sockets.rtcp().packet());
        this.publishedDelayMillis = jitter.delayFrames() * Frames.MILLIS;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public InetSocketAddress localAddress() {
        return sockets.rtp().localAddress();
    }

    /**
     * Checks the codec and prepares its instance (and the SRTP contexts when the keys are new) on the caller's
     * thread; the leg switches at the next tick.
     */
    @Override
    public void connect(RemoteMedia media) {
        CodecFormat negotiated = Codecs.format(media.codec(), media.clockRate());
        synchronized (connectLock) {
            boolean sameCodec = connected != null && Codecs.format(connected.codec(), connected.clockRate())
                    .equals(negotiated) && connected.fmtp().equals(media.fmtp());
            Codec newCodec = sameCodec ? null : Codecs.create(media.codec(), media.clockRate(), media.fmtp());
            Optional<SrtpKeys> keys = media.srtp();
            boolean sameKeys = connected != null && connected.srtp().equals(keys);
            SrtpSession session = sameKeys ? connectedSrtp
                    : keys.map(k -> new SrtpSession(k, sender.ssrc())).orElse(null);
            connected = media;
            connectedSrtp = session;
            sampleRate = negotiated.sampleRate();
            codecName = negotiated.encodingName();
            submit(new LegCommand.Connect(media, newCodec, session));
        }
    }

    @Override
    public int sampleRate() {
        return sampleRate;
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
    public long sendDigits(String keys) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("no DTMF keys to send");
        }
        int[] codes = new int[keys.length()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = DtmfReceiver.eventCode(keys.charAt(i));
        }
        long id = ids.incrementAndGet();
        submit(new LegCommand.SendDigits(id, codes));
        return id;
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
    public LegStats stats() {
        return new LegStats(codecName, sampleRate, counters.get(Counter.PACKETS_IN), counters.get(Counter.PACKETS_OUT),
                publishedLost, counters.get(Counter.LATE_PACKETS), counters.get(Counter.REORDERED_PACKETS),
                counters.get(Counter.DUPLICATE_PACKETS), counters.get(Counter.FRAMES_CONCEALED),
                counters.get(Counter.PLAY_UNDERRUNS), counters.get(Counter.SRTP_FAILURES),
                publishedJitterMicros / 1000.0, publishedDelayMillis, Optional.ofNullable(peerReport));
    }

    /** True once the leg has let go of its sockets (closed, or failed). Thread-safe. */
    public boolean isReleased() {
        return released;
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
        long missed = ticked ? Math.min((tickNanos - lastTickNanos) / Frames.NANOS - 1, MAX_CATCH_UP_FRAMES) : 0;
        ticked = true;
        lastTickNanos = tickNanos;
        if (!applyCommands(tickNanos)) {
            return false;
        }
        drainRtp(tickNanos);
        drainRtcp(tickNanos);
        for (long frame = 0; frame < missed; frame++) {
            hearFrame();
        }
        hearFrame();
        checkRtpTimeout(tickNanos);
        speakFrame();
        if (tickNanos - nextRtcpNanos >= 0) {
            sendReport(tickNanos);
        }
        publish();
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
            sockets.close();
            released = true;
        } finally {
            events.add(new MediaEvent.Hangup());
            MDC.remove("callId");
        }
    }

    @Override
    public String toString() {
        return "RtpLeg[" + callId + " " + localAddress() + "]";
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
                case LegCommand.Connect c -> connect(c, nowNanos);
                case LegCommand.Play p -> playback.start(p.id(), p.source(), p.bargeIn(), format.sampleRate());
                case LegCommand.StopPlay s -> playback.stop();
                case LegCommand.SendDigits d -> digits.enqueue(d.id(), d.events());
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

    private short[] frame() {
        return format.sampleRate() == Frames.RATE ? narrowFrame : wideFrame;
    }

    /** One frame from the jitter buffer: in-band DTMF, then the recording, if any. */
    private void hearFrame() {
        short[] heard = frame();
        jitter.pull(heard);
        if (remote != null && !remote.telephoneEvents()) {
            int key = detector.detect(heard);
            if (key >= 0) {
                onKey(DTMF[key]);
            }
        }
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

    /** One frame from the playback, or the keys being sent; sent unless the peer holds us. */
    private void speakFrame() {
        short[] spoken = frame();
        int step = format.timestampStep();
        boolean sending = remote != null && remote.send();
        switch (digits.step(sender.timestamp())) {
            case NONE -> {
                playback.read(spoken);
                sendAudio(spoken, sending, step);
            }
            case TONE -> {
                if (remote != null && remote.telephoneEvents()) {
                    sendEvent(sending, step);
                } else {
                    DtmfTones.frame(digits.event(), digits.toneFrame(), spoken);
                    sendAudio(spoken, sending, step);
                }
            }
            case GAP -> {
                if (remote != null && remote.telephoneEvents() && digits.endRepeat()) {
                    sendEvent(sending, step);
                } else {
                    Arrays.fill(spoken, (short) 0);
                    sendAudio(spoken, sending, step);
                }
            }
        }
        digits.finishTick();
    }

    private void sendAudio(short[] frame, boolean sending, int step) {
        if (!sending) {
            sender.skip(step);
        } else {
            count(sender.sendAudio(frame, codec, remote.payloadType(), srtp, sockets.rtp(), target));
        }
    }

    private void sendEvent(boolean sending, int step) {
        if (sending) {
            int duration = digits.durationFrames() * (remote.dtmfClockRate() / (1000 / Frames.MILLIS));
            count(sender.sendEvent(remote.dtmfPayloadType(), digits.start(), digits.eventTimestamp(), digits.event(),
                    digits.end(), duration, srtp, sockets.rtp(), target));
        }
        sender.advance(step);
    }

    private void count(boolean sent) {
        counters.increment(sent ? Counter.PACKETS_OUT : Counter.SEND_FAILURES);
    }

    private void connect(LegCommand.Connect command, long nowNanos) {
        RemoteMedia media = command.remote();
        if (remote == null || !remote.address().equals(media.address())) {
            target = media.address();
            latched = false;
            rtcpTarget = new InetSocketAddress(target.getAddress(), target.getPort() + 1);
            rtcpLatched = false;
        }
        if (remote == null || !remote.receive()) {
            lastPacketNanos = nowNanos;
            timeoutPosted = false;
        }
        if (remote == null) {
            nextRtcpNanos = nowNanos + randomInterval() / 2;
        }
        boolean rearm = remote == null || remote.dtmfPayloadType() != media.dtmfPayloadType();
        if (command.codec() != null) {
            if (command.codec() != codec) {
                codec.close();
            }
            int oldRate = format.sampleRate();
            codec = command.codec();
            format = codec.format();
            jitter.configure(format.sampleRate(), format.clockRate());
            if (format.sampleRate() != oldRate) {
                playback.stopUnlessAt(format.sampleRate());
            }
            rearm = true;
        }
        if (rearm) {
            dtmf.reset();
            detector.configure(format.sampleRate());
        }
        if (command.srtp() != srtp && srtp != null) {
            srtp.close();
        }
        srtp = command.srtp();
        remote = media;
    }

    private void drainRtp(long nowNanos) {
        RtpSocket socket = sockets.rtp();
        for (int length; (length = receive(socket)) >= 0; ) {
            byte[] packet = socket.packet();
            if (remote != null && length >= 8 && Rtcp.isRtcp(packet, 0, length)) {
                onRtcp(rtpIn, length, nowNanos, null);
            } else {
                onRtp(packet, length, nowNanos);
            }
        }
    }

    private void onRtp(byte[] packet, int length, long nowNanos) {
        if (remote == null || length < RTP_HEADER || RawPacket.isInvalid(packet, 0, length)
                || RawPacket.getVersion(packet, 0, length) != 2) {
            counters.increment(Counter.PACKETS_IGNORED);
            return;
        }
        int ssrc = RawPacket.getSSRC(packet, 0, length);
        if (srtp != null) {
            if (!srtp.unprotectRtp(rtpIn.set(0, length), ssrc)) {
                counters.increment(Counter.SRTP_FAILURES);
                return;
            }
            length = rtpIn.getLength();
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
        if (!audio && (payloadType != remote.dtmfPayloadType() || !remote.telephoneEvents())) {
            counters.increment(Counter.PACKETS_IGNORED);
            return;
        }
        if (!latched) {
            target = sockets.rtp().source();
            latched = true;
        }
        int payloadOffset = RawPacket.getPayloadOffset(packet, 0, length);
        long timestamp = RawPacket.getTimestamp(packet, 0, length);
        int sequence = RawPacket.getSequenceNumber(packet, 0, length);
        reception.onPacket(ssrc, sequence, timestamp, arrivalUnits(nowNanos));
        if (!audio) {
            int event = dtmf.receive(packet, payloadOffset, payloadLength, timestamp);
            if (event >= 0) {
                onKey(DTMF[event]);
            }
            return;
        }
        int samples = codec.decode(packet, payloadOffset, payloadLength, decoded);
        if (samples < 0) {
            counters.increment(Counter.PACKETS_IGNORED);
            return;
        }
        jitter.push(sequence, timestamp, ssrc, RawPacket.isPacketMarked(packet, 0, length), decoded, 0, samples);
    }

    /** The tick's time in the codec's RTP clock units (the arrival time of what it drains). */
    private long arrivalUnits(long nowNanos) {
        return nowNanos / 1000 * format.clockRate() / 1_000_000;
    }

    private void drainRtcp(long nowNanos) {
        RtpSocket socket = sockets.rtcp();
        for (int length; (length = receive(socket)) >= 0; ) {
            onRtcp(rtcpIn, length, nowNanos, socket);
        }
    }

    /** The next waiting datagram's length (counted in), or -1 when none waits or the socket failed. */
    private int receive(RtpSocket socket) {
        int length;
        try {
            length = socket.receive();
        } catch (IOException e) {
            return -1;
        }
        if (length >= 0) {
            counters.increment(Counter.PACKETS_IN);
        }
        return length;
    }

    /** A compound RTCP packet from the peer, in {@code in}'s array from 0 ({@code from}: latch RTCP to it). */
    private void onRtcp(PacketBuffer in, int length, long nowNanos, RtpSocket from) {
        byte[] packet = in.getBuffer();
        if (remote == null || length < 8 || !Rtcp.isRtcp(packet, 0, length)) {
            counters.increment(Counter.PACKETS_IGNORED);
            return;
        }
        if (srtp != null) {
            if (!srtp.unprotectRtcp(in.set(0, length), Rtcp.senderSsrc(packet, 0))) {
                counters.increment(Counter.SRTP_FAILURES);
                return;
            }
            length = in.getLength();
        }
        counters.increment(Counter.RTCP_IN);
        if (from != null && !rtcpLatched) {
            rtcpTarget = from.source();
            rtcpLatched = true;
        }
        LegStats.PeerReport report = Rtcp.read(packet, 0, length, sender.ssrc(), reception, format.clockRate(),
                ntp.ntp(nowNanos), nowNanos);
        if (report != null) {
            peerReport = report;
        }
    }

    /** An SR (when RTP went out since the last report) or RR, then SDES, to the peer's RTCP address. */
    private void sendReport(long nowNanos) {
        nextRtcpNanos = nowNanos + randomInterval();
        int length = Rtcp.write(rtcpOut, sender.ssrc(), cname, sender.takeSentSinceReport(), ntp.ntp(nowNanos),
                sender.timestamp(), sender.packetsSent(), sender.octetsSent(), reception, nowNanos);
        sendRtcp(length);
    }

    private void sendRtcp(int length) {
        if (srtp != null) {
            if (!srtp.protectRtcp(rtcpOutBuffer.set(0, length))) {
                counters.increment(Counter.SEND_FAILURES);
                return;
            }
            length = rtcpOutBuffer.getLength();
        }
        counters.increment(sockets.rtcp().send(rtcpOut, length, rtcpTarget) ? Counter.RTCP_OUT
                : Counter.SEND_FAILURES);
    }

    /** RFC 3550's randomized interval: 0.5 to 1.5 times 5 s (xorshift, no allocation). */
    private long randomInterval() {
        randomState ^= randomState << 13;
        randomState ^= randomState >>> 7;
        randomState ^= randomState << 17;
        double factor = 0.5 + (randomState >>> 11) / (double) (1L << 53);
        return (long) (RTCP_INTERVAL_NANOS * factor);
    }

    private void publish() {
        publishedLost = reception.lost();
        publishedJitterMicros = (long) (reception.jitter() * 1_000_000 / format.clockRate());
        publishedDelayMillis = jitter.delayFrames() * Frames.MILLIS;
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

    /**
     * The end of the leg: last packets in, the jitter buffer flushed into the recording, a BYE to the peer,
     * codec and keys released, sockets closed.
     */
    private void release(long nowNanos) {
        drainRtp(nowNanos);
        short[] heard = frame();
        while (recording != null && jitter.hasBuffered()) {
            jitter.pull(heard);
            RecordStop stop = recording.append(heard, counters);
            if (stop != null) {
                finishRecording(stop);
            }
        }
        finishRecording(RecordStop.CLOSED);
        playback.discard();
        digits.abandon();
        if (remote != null) {
            sendRtcp(Rtcp.writeBye(rtcpOut, sender.ssrc()));
        }
        codec.close();
        if (srtp != null) {
            srtp.close();
        }
        sockets.close();
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
                case LegCommand.SendDigits d -> events.add(new MediaEvent.DigitsSent(d.id()));
                case LegCommand.Connect c -> {
                    if (c.codec() != null) {
                        c.codec().close();
                    }
                }
                case LegCommand.StopPlay s -> { }
                case LegCommand.StopRecord s -> { }
                case LegCommand.Close c -> { }
            }
        }
    }
}
