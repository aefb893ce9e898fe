package postbox.media.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import postbox.media.RemoteMedia;
import postbox.media.SrtpKeys;
import postbox.media.codec.Codec;
import postbox.media.codec.CodecFormat;
import postbox.media.codec.Codecs;
import postbox.media.codec.G711;
import postbox.media.dtmf.DtmfTones;
import postbox.media.rtp.DtmfReceiver;
import postbox.media.srtp.PacketBuffer;
import postbox.media.srtp.SrtpSession;

/**
 * A real RTP peer for tests: UDP sockets on 127.0.0.1 (RTP on an even port, RTCP on the next) that send frames
 * of any codec the engine speaks, RFC 4733 key presses or DTMF tones in band, optionally under SRTP, and collect
 * (and decode) everything the leg sends back, RTCP included. Thread-safe; platform threads receive (and
 * timestamp arrivals).
 *
 * <p>Typical use with a manual clock: {@code peer.sendTo(leg.localAddress()); leg.connect(peer.media());}
 * then, per tick, {@code peer.sendFrame(frame); clock.advance(1);} (loopback delivers before {@code send}
 * returns, so the tick finds the packet), and {@code peer.awaitPackets(n, timeout)} for what the leg sent.
 * A leg records what it hears 60 ms (3 ticks) late at first, behind its adaptive jitter buffer. Frames have
 * {@code sampleRate / 50} samples: 160 for PCMU, PCMA and Speex NB, 320 for G.722, Speex WB and Opus.
 */
public final class RtpPeer implements AutoCloseable {
    /** The telephone-event payload type the peers use unless told otherwise. */
    public static final int DTMF_PAYLOAD_TYPE = 101;
    private static final int HEADER = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Setup setup;
    private final CodecFormat format;
    private final DatagramChannel channel;
    private final DatagramChannel rtcpChannel;
    private final InetSocketAddress address;
    private final Codec encoder;
    private final Codec decoder;
    private final SrtpSession sendSrtp;
    private final SrtpSession receiveSrtp;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final List<Packet> received = new ArrayList<>();
    private final List<byte[]> rtcpReceived = new ArrayList<>();
    private final StringBuilder digits = new StringBuilder();
    private final DtmfReceiver dtmf = new DtmfReceiver();
    private final Thread receiver;
    private final Thread rtcpReceiver;
    private int sequence = ThreadLocalRandom.current().nextInt(65536);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private boolean marker = true;
    private int srtpFailures;
    private volatile InetSocketAddress target;

    /**
     * How a peer speaks.
     *
     * @param codec           SDP encoding name ({@code PCMU}, {@code PCMA}, {@code G722}, {@code speex}, {@code opus})
     * @param clockRate       its RTP clock rate
     * @param payloadType     its payload type
     * @param dtmfPayloadType the telephone-event payload type, -1 for none (DTMF in band)
     * @param dtmfClockRate   the telephone-event clock rate
     * @param srtp            the keys as the leg sees them (the peer uses them mirrored), or empty
     */
    public record Setup(String codec, int clockRate, int payloadType, int dtmfPayloadType, int dtmfClockRate,
                        Optional<SrtpKeys> srtp) {

        /** A peer speaking {@code codec/clockRate} on {@code payloadType}, telephone-events on 101, no SRTP. */
        public static Setup of(String codec, int clockRate, int payloadType) {
            return new Setup(codec, clockRate, payloadType, DTMF_PAYLOAD_TYPE, clockRate, Optional.empty());
        }

        /** This setup without telephone-events (DTMF goes in band). */
        public Setup withoutTelephoneEvents() {
            return new Setup(codec, clockRate, payloadType, -1, dtmfClockRate, srtp);
        }

        /** This setup with telephone-events on {@code type} at {@code clock}. */
        public Setup withTelephoneEvents(int type, int clock) {
            return new Setup(codec, clockRate, payloadType, type, clock, srtp);
        }

        /** This setup under SRTP, {@code legKeys} being the leg's view (local = the leg's key). */
        public Setup withSrtp(SrtpKeys legKeys) {
            return new Setup(codec, clockRate, payloadType, dtmfPayloadType, dtmfClockRate, Optional.of(legKeys));
        }
    }

    private RtpPeer(Setup setup) throws IOException {
        this.setup = setup;
        this.format = Codecs.format(setup.codec(), setup.clockRate());
        this.encoder = Codecs.create(setup.codec(), setup.clockRate(), "");
        this.decoder = Codecs.create(setup.codec(), setup.clockRate(), "");
        this.sendSrtp = setup.srtp().map(keys -> new SrtpSession(mirror(keys), ssrc)).orElse(null);
        this.receiveSrtp = setup.srtp().map(keys -> new SrtpSession(mirror(keys), ssrc)).orElse(null);
        DatagramChannel[] pair = bindPair();
        this.channel = pair[0];
        this.rtcpChannel = pair[1];
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.receiver = Thread.ofPlatform().daemon().name("rtp-peer-" + address.getPort()).start(this::receive);
        this.rtcpReceiver = Thread.ofPlatform().daemon().name("rtcp-peer-" + address.getPort())
                .start(this::receiveRtcp);
    }

    /** A PCMU peer (payload type 0) with telephone-events on payload type 101. */
    public static RtpPeer open() throws IOException {
        return open(G711.ULAW, 0, DTMF_PAYLOAD_TYPE);
    }

    /** A G.711 peer speaking {@code codec} on {@code payloadType}, telephone-events on {@code dtmfPayloadType}. */
    public static RtpPeer open(G711 codec, int payloadType, int dtmfPayloadType) throws IOException {
        return open(Setup.of(codec.encodingName(), 8000, payloadType).withTelephoneEvents(dtmfPayloadType, 8000));
    }

    /** A peer speaking as {@code setup} says. */
    public static RtpPeer open(Setup setup) throws IOException {
        return new RtpPeer(setup);
    }

    /** Fresh random keys for an SRTP call, as the leg sees them (hand them to {@link Setup#withSrtp}). */
    public static SrtpKeys randomSrtpKeys() {
        byte[] local = new byte[SrtpKeys.KEY_SALT_BYTES];
        byte[] remote = new byte[SrtpKeys.KEY_SALT_BYTES];
        RANDOM.nextBytes(local);
        RANDOM.nextBytes(remote);
        return new SrtpKeys(SrtpKeys.AES_CM_128_HMAC_SHA1_80, local, remote);
    }

    /** The other side's view of {@code keys}: local and remote swapped. */
    public static SrtpKeys mirror(SrtpKeys keys) {
        return new SrtpKeys(keys.suite(), keys.remoteKeySalt(), keys.localKeySalt());
    }

    /** Where this peer receives (and sends from) RTP; RTCP is on the next port. */
    public InetSocketAddress address() {
        return address;
    }

    /** What the peer speaks. */
    public CodecFormat format() {
        return format;
    }

    /** Samples per frame of this peer's codec (160 or 320). */
    public int frameSamples() {
        return format.frameSamples();
    }

    /** What to {@code connect} a leg with: this peer's address, codec, DTMF and keys, sending and receiving. */
    public RemoteMedia media() {
        return media(address);
    }

    /** Like {@link #media()}, but advertising another address (as a peer behind NAT would in its SDP). */
    public RemoteMedia media(InetSocketAddress advertised) {
        return new RemoteMedia(advertised, setup.codec(), setup.clockRate(), setup.payloadType(), "",
                setup.dtmfPayloadType(), setup.dtmfClockRate(), true, true, setup.srtp());
    }

    /** Sends from now on to {@code leg} (RTCP to the port above). */
    public RtpPeer sendTo(InetSocketAddress leg) {
        this.target = leg;
        return this;
    }

    /** This peer's SSRC. */
    public int ssrc() {
        return ssrc;
    }

    /** Encodes and sends one 20 ms frame (sequence +1, timestamp +1 frame, marker on the first). */
    public synchronized void sendFrame(short[] frame) throws IOException {
        if (frame.length != format.frameSamples()) {
            throw new IllegalArgumentException("a " + format.token() + " frame has " + format.frameSamples()
                    + " samples, not " + frame.length);
        }
        byte[] payload = new byte[Codec.MAX_PAYLOAD];
        int length = encoder.encode(frame, payload, 0);
        sendRtp(setup.payloadType(), marker, sequence, timestamp, ssrc, Arrays.copyOf(payload, length));
        marker = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + format.timestampStep()) & 0xFFFFFFFFL;
    }

    /** Lets one frame's time pass without sending (a lost packet: sequence and timestamp move on). */
    public synchronized void skipFrame() {
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + format.timestampStep()) & 0xFFFFFFFFL;
    }

    /**
     * Presses {@code key} (RFC 4733): a start packet with the marker, two continuation packets and the end
     * packet three times, all with the current timestamp, sent at once; the stream's timestamp then moves on
     * by the event's 200 ms.
     */
    public synchronized void sendDigit(char key) throws IOException {
        if (setup.dtmfPayloadType() < 0) {
            throw new IllegalStateException("this peer has no telephone-events: send tone frames in band");
        }
        int event = DtmfReceiver.eventCode(key);
        int unit = setup.dtmfClockRate() / 20;
        int[] durations = {unit, 2 * unit, 3 * unit, 4 * unit, 4 * unit, 4 * unit};
        for (int i = 0; i < durations.length; i++) {
            boolean end = i >= 3;
            byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (durations[i] >> 8),
                    (byte) durations[i]};
            sendRtp(setup.dtmfPayloadType(), i == 0, sequence, timestamp, ssrc, payload);
            sequence = (sequence + 1) & 0xFFFF;
        }
        timestamp = (timestamp + 10L * format.timestampStep()) & 0xFFFFFFFFL;
    }

    /**
     * The frames of {@code key} pressed in band: {@code toneMillis} of its tone pair then {@code pauseMillis} of
     * silence, at this peer's rate (send one per tick).
     */
    public List<short[]> toneFrames(char key, int toneMillis, int pauseMillis) {
        short[] tone = DtmfTones.tone(DtmfReceiver.eventCode(key), toneMillis, format.sampleRate());
        int samples = tone.length + pauseMillis * format.sampleRate() / 1000;
        short[] all = Arrays.copyOf(tone, (samples + frameSamples() - 1) / frameSamples() * frameSamples());
        List<short[]> frames = new ArrayList<>();
        for (int at = 0; at < all.length; at += frameSamples()) {
            frames.add(Arrays.copyOfRange(all, at, at + frameSamples()));
        }
        return frames;
    }

    /** Sends one RTP packet with the given header fields (SRTP-protected when the peer has keys). */
    public void sendRtp(int type, boolean mark, int seq, long ts, int source, byte[] payload) throws IOException {
        byte[] packet = new byte[HEADER + payload.length + SrtpSession.MAX_OVERHEAD];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((mark ? 0x80 : 0) | type);
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (ts >> (24 - 8 * i));
            packet[8 + i] = (byte) (source >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, packet, HEADER, payload.length);
        int length = HEADER + payload.length;
        if (sendSrtp != null) {
            synchronized (sendSrtp) {
                PacketBuffer buffer = new PacketBuffer(packet).set(0, length);
                if (!sendSrtp.protectRtp(buffer)) {
                    throw new IllegalStateException("SRTP protect failed");
                }
                length = buffer.getLength();
            }
        }
        sendDatagram(Arrays.copyOf(packet, length));
    }

    /** Sends raw bytes to the leg's RTP port (not necessarily RTP, never protected). */
    public void sendDatagram(byte[] bytes) throws IOException {
        channel.send(ByteBuffer.wrap(bytes), requireTarget());
    }

    /** Sends raw bytes from the RTCP socket to the leg's RTCP port (never protected). */
    public void sendRtcpDatagram(byte[] bytes) throws IOException {
        InetSocketAddress to = requireTarget();
        rtcpChannel.send(ByteBuffer.wrap(bytes), new InetSocketAddress(to.getAddress(), to.getPort() + 1));
    }

    /** Everything received so far, in arrival order. */
    public synchronized List<Packet> packets() {
        return List.copyOf(received);
    }

    /**
     * Waits until at least {@code count} packets have arrived.
     *
     * @return all packets received so far
     * @throws AssertionError when they do not arrive within {@code timeout}
     */
    public synchronized List<Packet> awaitPackets(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " RTP packets within " + timeout + ", got "
                        + received.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(received);
    }

    /**
     * Waits until at least {@code count} RTCP compound packets have arrived (unprotected when under SRTP).
     *
     * @throws AssertionError when they do not arrive within {@code timeout}
     */
    public synchronized List<byte[]> awaitRtcp(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rtcpReceived.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " RTCP packets within " + timeout + ", got "
                        + rtcpReceived.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(rtcpReceived);
    }

    /** The keys received as RFC 4733 events, each once, in order. */
    public synchronized String digits() {
        return digits.toString();
    }

    /** Packets that failed SRTP authentication at this peer. */
    public synchronized int srtpFailures() {
        return srtpFailures;
    }

    /** The decoded audio of every audio packet received so far, concatenated in arrival order. */
    public synchronized short[] audio() {
        short[] all = new short[received.stream().mapToInt(p -> p.audio().length).sum()];
        int at = 0;
        for (Packet packet : received) {
            System.arraycopy(packet.audio(), 0, all, at, packet.audio().length);
            at += packet.audio().length;
        }
        return all;
    }

    /**
     * What {@code pcm} sounds like after this peer's codec from a fresh state (encode, then decode, frame by
     * frame; G.711 is stateless, so any stretch of it matches what the leg's packets carry).
     */
    public short[] codecRoundTrip(short[] pcm) {
        int frame = format.frameSamples();
        short[] padded = Arrays.copyOf(pcm, (pcm.length + frame - 1) / frame * frame);
        short[] decoded = new short[padded.length];
        try (Codec coder = Codecs.create(setup.codec(), setup.clockRate(), "")) {
            byte[] payload = new byte[Codec.MAX_PAYLOAD];
            short[] in = new short[frame];
            short[] out = new short[4 * frame];
            for (int at = 0; at < padded.length; at += frame) {
                System.arraycopy(padded, at, in, 0, frame);
                int length = coder.encode(in, payload, 0);
                int samples = coder.decode(payload, 0, length, out);
                System.arraycopy(out, 0, decoded, at, Math.min(samples, frame));
            }
        }
        return Arrays.copyOf(decoded, pcm.length);
    }

    @Override
    public void close() throws IOException {
        channel.close();
        rtcpChannel.close();
        try {
            receiver.join(Duration.ofSeconds(5));
            rtcpReceiver.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        encoder.close();
        decoder.close();
    }

    private InetSocketAddress requireTarget() {
        InetSocketAddress to = target;
        if (to == null) {
            throw new IllegalStateException("call sendTo(leg address) first");
        }
        return to;
    }

    private static DatagramChannel[] bindPair() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 64; attempt++) {
            DatagramChannel rtp = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
            int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            if ((port & 1) == 0) {
                try {
                    return new DatagramChannel[] {rtp,
                        DatagramChannel.open().bind(new InetSocketAddress(loopback, port + 1))};
                } catch (BindException taken) {
                    // try another pair
                }
            }
            rtp.close();
        }
        throw new BindException("no free even/odd port pair on loopback");
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                long arrivalNanos = System.nanoTime();
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining() + SrtpSession.MAX_OVERHEAD];
                int length = buffer.remaining();
                buffer.get(bytes, 0, length);
                onDatagram(bytes, length, arrivalNanos);
            }
        } catch (ClosedChannelException closed) {
            // closed by close()
        } catch (IOException e) {
            throw new IllegalStateException("RTP peer receive failed", e);
        }
    }

    private void receiveRtcp() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buffer.clear();
                rtcpChannel.receive(buffer);
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                onRtcp(bytes);
            }
        } catch (ClosedChannelException closed) {
            // closed by close()
        } catch (IOException e) {
            throw new IllegalStateException("RTCP peer receive failed", e);
        }
    }

    private synchronized void onRtcp(byte[] bytes) {
        int length = bytes.length;
        if (receiveSrtp != null) {
            PacketBuffer buffer = new PacketBuffer(bytes).set(0, length);
            int sender = (bytes[4] & 0xFF) << 24 | (bytes[5] & 0xFF) << 16 | (bytes[6] & 0xFF) << 8 | (bytes[7] & 0xFF);
            if (!receiveSrtp.unprotectRtcp(buffer, sender)) {
                srtpFailures++;
                return;
            }
            length = buffer.getLength();
        }
        rtcpReceived.add(Arrays.copyOf(bytes, length));
        notifyAll();
    }

    private synchronized void onDatagram(byte[] bytes, int length, long arrivalNanos) {
        int source = (bytes[8] & 0xFF) << 24 | (bytes[9] & 0xFF) << 16 | (bytes[10] & 0xFF) << 8 | (bytes[11] & 0xFF);
        if (receiveSrtp != null) {
            PacketBuffer buffer = new PacketBuffer(bytes).set(0, length);
            if (!receiveSrtp.unprotectRtp(buffer, source)) {
                srtpFailures++;
                notifyAll();
                return;
            }
            length = buffer.getLength();
        }
        int type = bytes[1] & 0x7F;
        byte[] payload = Arrays.copyOfRange(bytes, HEADER, length);
        long ts = 0;
        for (int i = 0; i < 4; i++) {
            ts = (ts << 8) | (bytes[4 + i] & 0xFF);
        }
        short[] audio = new short[0];
        if (type == setup.payloadType()) {
            short[] pcm = new short[4 * Math.max(format.frameSamples(), payload.length)];
            int samples = decoder.decode(payload, 0, payload.length, pcm);
            audio = Arrays.copyOf(pcm, Math.max(0, samples));
        } else if (type == setup.dtmfPayloadType()) {
            int event = dtmf.receive(payload, 0, payload.length, ts);
            if (event >= 0) {
                digits.append(DtmfReceiver.key(event));
            }
        }
        received.add(new Packet(type, (bytes[1] & 0x80) != 0, ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF), ts,
                source, audio, arrivalNanos, payload));
        notifyAll();
    }

    /**
     * A packet the leg sent.
     *
     * @param audio        the decoded payload (empty for other payload types)
     * @param arrivalNanos when it arrived ({@link System#nanoTime()})
     * @param payload      the payload bytes (after SRTP)
     */
    public record Packet(int payloadType, boolean marker, int sequence, long timestamp, int ssrc, short[] audio,
                         long arrivalNanos, byte[] payload) {
    }
}
