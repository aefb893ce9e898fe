package postbox.media;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import postbox.media.clock.ManualClock;
import postbox.media.clock.PacedClock;
import postbox.media.clock.Shard;
import postbox.media.codec.CodecFormat;
import postbox.media.codec.Codecs;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;
import postbox.media.rtp.PortRange;
import postbox.media.rtp.RtpLeg;
import postbox.media.rtp.SocketPair;
import postbox.media.source.PcmClip;
import postbox.media.srtp.SrtpSession;

/**
 * The node's real-time media engine: opens RTP legs and serves them from paced clocks, one platform thread per
 * shard (legs are spread over the least loaded shard; N clocks tick 20/N ms apart), or from a
 * {@link ManualClock} in tests. Thread-safe.
 */
public final class MediaEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);
    private static final int WARM_UP_TICKS = 10;
    private static final int WARM_UP_DTMF_PAYLOAD_TYPE = 101;
    private static final List<Counter> LATENESS_BUCKETS = List.of(Counter.LATENESS_UP_TO_100_MICROS,
            Counter.LATENESS_UP_TO_500_MICROS, Counter.LATENESS_UP_TO_1_MILLI, Counter.LATENESS_UP_TO_2_MILLIS,
            Counter.LATENESS_UP_TO_5_MILLIS, Counter.LATENESS_UP_TO_10_MILLIS, Counter.LATENESS_UP_TO_20_MILLIS,
            Counter.LATENESS_OVER_20_MILLIS);
    private static final PcmOutput DISCARD = new PcmOutput() {
        @Override
        public void write(short[] samples, int offset, int count) {
        }

        @Override
        public void checkpoint() {
        }
    };

    private final MediaConfig config;
    private final Shard[] shards;
    private final PacedClock[] clocks;
    private final ManualClock manualClock;
    private final PortRange ports;
    private final Set<RtpLeg> legs = ConcurrentHashMap.newKeySet();
    private boolean closed;

    private MediaEngine(MediaConfig config, boolean paced) {
        this.config = config;
        this.shards = new Shard[config.clocks()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard();
        }
        this.ports = new PortRange(config.rtpPortMin(), config.rtpPortMax());
        this.manualClock = paced ? null : new ManualClock(shards);
        this.clocks = new PacedClock[paced ? shards.length : 0];
        // the clocks tick an equal share of the 20 ms apart, so their work and their packets spread over it
        long first = System.nanoTime() + Frames.NANOS;
        for (int i = 0; i < clocks.length; i++) {
            clocks[i] = PacedClock.start("media-clock-" + i, shards[i], config.spinMargin(),
                    first + i * Frames.NANOS / clocks.length);
        }
    }

    /**
     * Starts an engine whose clocks tick in real time. Blocking, about 1-2 s: warms SRTP up (libjitsi benchmarks
     * its AES providers on first use), probes the codecs (Opus's native library) and runs {@link #warmUp}.
     */
    public static MediaEngine start(MediaConfig config) {
        SrtpSession.warmUp();
        log.info("Codecs: {}", Codecs.supported().stream().map(CodecFormat::token).toList());
        warmUp();
        MediaEngine engine = new MediaEngine(config, true);
        log.info("Media engine started: {} clocks, RTP on {} ports {}..{}", config.clocks(),
                config.bindAddress().getHostAddress(), config.rtpPortMin(), config.rtpPortMax());
        return engine;
    }

    /**
     * Runs a throwaway leg that talks to itself on loopback through a few ticks on this thread, once with
     * telephone-events and once with DTMF in band (sending a key), so that class loading, G.711 and DTMF tables,
     * RTCP and call-site linking (tens of milliseconds) happen here and not on a clock thread during the first
     * calls.
     */
    private static void warmUp() {
        for (int dtmfPayloadType : new int[] {WARM_UP_DTMF_PAYLOAD_TYPE, -1}) {
            Shard shard = new Shard();
            try (SocketPair sockets = new PortRange(0, 0).bindPair(InetAddress.getLoopbackAddress())) {
                RtpLeg leg = new RtpLeg("warm-up", sockets, shard.counters(), MediaConfig.DEFAULT_RTP_TIMEOUT,
                        MediaConfig.DEFAULT_JITTER_DELAY);
                shard.add(leg);
                leg.connect(new RemoteMedia(leg.localAddress(), "PCMU", 0, dtmfPayloadType, true, true));
                leg.play(new PcmClip(new short[WARM_UP_TICKS * Frames.SAMPLES]), true);
                leg.sendDigits("1");
                leg.record(new RecordSpec(Duration.ofSeconds(1), null, "#", RecordSpec.DEFAULT_THRESHOLD_DBFS),
                        DISCARD);
                for (int tick = 1; tick <= WARM_UP_TICKS; tick++) {
                    shard.tick(tick * Frames.NANOS);
                }
                shard.shutdown((WARM_UP_TICKS + 1) * Frames.NANOS);
            } catch (IOException e) {
                log.warn("Media warm-up failed; the first calls may tick late", e);
            }
        }
    }

    /** An engine whose ticks run only when a test calls {@code manualClock().advance(ticks)}. */
    public static MediaEngine withManualClock(MediaConfig config) {
        return new MediaEngine(config, false);
    }

    /**
     * The clock that drives this engine's ticks.
     *
     * @throws IllegalStateException for an engine started with real-time clocks
     */
    public ManualClock manualClock() {
        if (manualClock == null) {
            throw new IllegalStateException("this media engine runs on real-time clocks, not a manual clock");
        }
        return manualClock;
    }

    /** The configuration it runs with. */
    public MediaConfig config() {
        return config;
    }

    /**
     * Opens a leg for {@code callId}: binds its RTP socket now (so its address can go into the SDP answer); it
     * joins a clock at the next tick.
     *
     * @throws IOException           when no port is free
     * @throws IllegalStateException after {@link #close}
     */
    public synchronized MediaLeg openLeg(String callId) throws IOException {
        if (closed) {
            throw new IllegalStateException("the media engine is closed");
        }
        SocketPair sockets = ports.bindPair(config.bindAddress());
        Shard shard = Arrays.stream(shards).min((a, b) -> Integer.compare(a.load(), b.load())).orElseThrow();
        RtpLeg leg = new RtpLeg(callId, sockets, shard.counters(), config.rtpTimeout(), config.jitterDelay());
        legs.removeIf(RtpLeg::isReleased);
        legs.add(leg);
        shard.add(leg);
        log.debug("Opened media leg for call {} on {}", callId, leg.localAddress());
        return leg;
    }

    /** The counters summed over all clocks, and the jitter over the legs open now. Thread-safe. */
    public MediaStats stats() {
        int active = 0;
        long[] sums = new long[Counter.values().length];
        for (Shard shard : shards) {
            active += shard.load();
            Counters counters = shard.counters();
            for (Counter counter : Counter.values()) {
                long value = counters.get(counter);
                sums[counter.ordinal()] = counter == Counter.MAX_TICK_LATENESS_MICROS
                        ? Math.max(sums[counter.ordinal()], value) : sums[counter.ordinal()] + value;
            }
        }
        legs.removeIf(RtpLeg::isReleased);
        double maxJitter = 0;
        double sumJitter = 0;
        int measured = 0;
        for (RtpLeg leg : legs) {
            double jitter = leg.stats().jitterMillis();
            maxJitter = Math.max(maxJitter, jitter);
            sumJitter += jitter;
            measured++;
        }
        List<Long> lateness = new ArrayList<>();
        for (Counter bucket : LATENESS_BUCKETS) {
            lateness.add(sums[bucket.ordinal()]);
        }
        return new MediaStats(active, sums[Counter.TICKS.ordinal()], sums[Counter.LATE_TICKS.ordinal()],
                sums[Counter.MAX_TICK_LATENESS_MICROS.ordinal()], sums[Counter.REBASES.ordinal()],
                sums[Counter.PACKETS_IN.ordinal()], sums[Counter.PACKETS_OUT.ordinal()],
                sums[Counter.PACKETS_IGNORED.ordinal()], sums[Counter.SEND_FAILURES.ordinal()],
                sums[Counter.FRAMES_LOST.ordinal()], sums[Counter.FRAMES_CONCEALED.ordinal()],
                sums[Counter.LATE_PACKETS.ordinal()], sums[Counter.REORDERED_PACKETS.ordinal()],
                sums[Counter.DUPLICATE_PACKETS.ordinal()], sums[Counter.JITTER_RESYNCS.ordinal()],
                sums[Counter.PLAY_UNDERRUNS.ordinal()], sums[Counter.RECORD_OVERRUNS.ordinal()],
                sums[Counter.LEG_FAILURES.ordinal()], List.copyOf(lateness), sums[Counter.RTCP_IN.ordinal()],
                sums[Counter.RTCP_OUT.ordinal()], sums[Counter.SRTP_FAILURES.ordinal()], maxJitter,
                measured == 0 ? 0 : sumJitter / measured);
    }

    /**
     * Stops the clocks and releases every leg (recordings end with {@link RecordStop#CLOSED} and still drain).
     * Idempotent. With a manual clock, call it from the thread that advances the clock.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (PacedClock clock : clocks) {
            clock.close();
        }
        long nowNanos = manualClock != null ? manualClock.nowNanos() : System.nanoTime();
        for (Shard shard : shards) {
            shard.shutdown(nowNanos);
        }
        log.info("Media engine closed");
    }
}
