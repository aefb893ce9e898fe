package postbox.media.jitter;

import java.util.Arrays;

import postbox.media.Frames;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;

/**
 * An adaptive jitter buffer for one leg's incoming audio (decoded PCM, 8 or 16 kHz), in front of the recorder.
 * Tick thread only; allocation-free after construction (also across {@link #configure}).
 *
 * <p>Placement: packets are placed by RTP timestamp into frame slots (any packet length: a sample position is
 * {@code syncSample + (timestamp - syncTimestamp) × sampleRate / clockRate}). Playout starts {@code delay} frames
 * after the first packet and then yields exactly one frame per {@link #pull} (one tick). Reordered packets slot
 * in; packets behind the playout point are dropped as late; a sequence number seen before is a duplicate. A
 * missing frame is concealed by repeating the last frame at -6, -12 and -18 dB, then silence; it counts as lost
 * when later audio is already buffered. A new SSRC, a timestamp beyond the buffer's window either way, or a marker
 * after more frames without packets than the delay re-syncs: the new packet plays {@code delay} frames later.
 *
 * <p>Adaptation (the delay stays within 20..200 ms, 1..10 frames). Arrival times are the tick that drained the
 * packet (pulls so far), the resolution at which playout happens. For each packet the buffer measures
 * <ul>
 *   <li>its <em>delay</em>: how much later than the stream's nominal timing it came, relative to the packet the
 *       buffer synced on ({@code delay × 20 ms − how early it came}), and keeps the peak of the last 2-4 s;</li>
 *   <li>the RFC 3550 interarrival jitter {@code J += (|D| − J) / 16} of the transit times.</li>
 * </ul>
 * The desired delay is {@code max(peak delay, 2 J)} rounded up to whole frames. It <em>grows fast</em>: a packet
 * that came later than the current delay covers raises the delay at once to cover it (the next pulls repeat
 * concealment instead of advancing: playout stalls), and a higher desired delay is taken at the next silent frame.
 * It <em>shrinks slowly</em>: by one frame at most once a second, only by dropping a silent frame (one below
 * -50 dBFS, or a gap between talkspurts once concealment ran out; never a hole in speech). The arrival patterns in
 * {@code src/test/resources/jitter} specify all of it.
 */
public final class JitterBuffer {
    /** The smallest delay: one frame. */
    public static final int MIN_DELAY_FRAMES = 1;
    /** The largest delay: ten frames. */
    public static final int MAX_DELAY_FRAMES = 10;
    private static final int MAX_FRAME_SAMPLES = Frames.WIDEBAND_SAMPLES;
    private static final int MAX_CONCEALED = 3;
    private static final int CAPACITY_FRAMES = 32;
    private static final int PEAK_WINDOW_PULLS = 100;
    private static final int SHRINK_INTERVAL_PULLS = 50;
    private static final double JITTER_MULTIPLE = 2;
    private static final double SILENT_MEAN_SQUARE = Math.pow(32768 * Math.pow(10, -50 / 20.0), 2);
    private static final long EMPTY = -1;

    private final int mask = CAPACITY_FRAMES - 1;
    private final long[] slotFrame = new long[CAPACITY_FRAMES];
    private final short[][] slotPcm = new short[CAPACITY_FRAMES][MAX_FRAME_SAMPLES];
    private final short[] lastFrame = new short[MAX_FRAME_SAMPLES];
    private final Counters counters;

    private int frameSamples = Frames.SAMPLES;
    private long samplesPerUnit = 1;
    private long unitsPerSample = 1;
    private long windowSamples = (long) CAPACITY_FRAMES * Frames.SAMPLES;
    private int delayFrames;

    private boolean synced;
    private int ssrc;
    private long syncTimestamp;
    private long syncSample;
    private long playoutSample;
    private long receivedEndSample;
    private int highestSequence;
    private long seenSequences;
    private int concealed = MAX_CONCEALED;
    private int pullsSinceArrival;

    private long pulls;
    private int stallFrames;
    private int pullsSinceChange;
    private long peakDelaySamples = Long.MIN_VALUE;
    private long previousPeakDelaySamples = Long.MIN_VALUE;
    private boolean haveTransit;
    private long lastTransit;
    private double jitterSamples;

    /**
     * A buffer for 8 kHz audio with an RTP clock of 8000 (see {@link #configure} for other rates).
     *
     * @param initialDelayFrames the delay before anything is observed (3 for 60 ms), 1..10
     * @param counters           where late/reordered/duplicate packets, resyncs, lost and concealed frames are
     *                           counted
     */
    public JitterBuffer(int initialDelayFrames, Counters counters) {
        if (initialDelayFrames < MIN_DELAY_FRAMES || initialDelayFrames > MAX_DELAY_FRAMES) {
            throw new IllegalArgumentException("jitter delay must be " + MIN_DELAY_FRAMES + ".." + MAX_DELAY_FRAMES
                    + " frames, not " + initialDelayFrames);
        }
        this.delayFrames = initialDelayFrames;
        this.counters = counters;
        Arrays.fill(slotFrame, EMPTY);
    }

    /**
     * Switches to another sample rate or RTP clock (a re-INVITE changed the codec): what is buffered is dropped
     * and the next packet re-syncs; the delay and the jitter estimate carry over.
     *
     * @param sampleRate 8000 or 16000
     * @param clockRate  the RTP clock rate of the codec (8000 for G.722, 48000 for Opus)
     */
    public void configure(int sampleRate, int clockRate) {
        Frames.checkRate(sampleRate);
        long gcd = gcd(sampleRate, clockRate);
        samplesPerUnit = sampleRate / gcd;
        unitsPerSample = clockRate / gcd;
        frameSamples = Frames.samples(sampleRate);
        windowSamples = (long) CAPACITY_FRAMES * frameSamples;
        synced = false;
        playoutSample = 0;
        receivedEndSample = 0;
        stallFrames = 0;
        haveTransit = false;
        Arrays.fill(slotFrame, EMPTY);
        Arrays.fill(lastFrame, (short) 0);
        concealed = MAX_CONCEALED;
    }

    /**
     * Takes one packet's decoded audio.
     *
     * @param sequence  RTP sequence number (0..65535)
     * @param timestamp RTP timestamp (unsigned 32 bits)
     * @param samples   samples in {@code pcm[offset...]}
     */
    public Arrival push(int sequence, long timestamp, int ssrc, boolean marker, short[] pcm, int offset,
                        int samples) {
        boolean resynced = false;
        if (!synced) {
            sync(sequence, timestamp, ssrc);
        } else if (ssrc != this.ssrc || (marker && pullsSinceArrival > delayFrames)
                || outsideWindow(positionOf(timestamp), samples)) {
            sync(sequence, timestamp, ssrc);
            counters.increment(Counter.JITTER_RESYNCS);
            resynced = true;
        }
        pullsSinceArrival = 0;
        int ahead = (short) (sequence - highestSequence);
        boolean reordered = ahead <= 0;
        if (ahead > 0) {
            seenSequences = ahead >= Long.SIZE ? 1 : (seenSequences << ahead) | 1;
            highestSequence = sequence;
        } else if (-ahead < Long.SIZE) {
            long bit = 1L << -ahead;
            if ((seenSequences & bit) != 0) {
                counters.increment(Counter.DUPLICATE_PACKETS);
                return Arrival.DUPLICATE;
            }
            seenSequences |= bit;
        }
        long position = positionOf(timestamp);
        observe(position);
        if (position + samples <= playoutSample) {
            counters.increment(Counter.LATE_PACKETS);
            return Arrival.LATE;
        }
        write(position, pcm, offset, samples);
        if (resynced) {
            return Arrival.RESYNC;
        }
        if (reordered) {
            counters.increment(Counter.REORDERED_PACKETS);
            return Arrival.REORDERED;
        }
        return Arrival.ACCEPTED;
    }

    /** Fills {@code frame} (20 ms at the configured rate) with the next frame of playout. */
    public FrameKind pull(short[] frame) {
        pulls++;
        if (pulls % PEAK_WINDOW_PULLS == 0) {
            previousPeakDelaySamples = peakDelaySamples;
            peakDelaySamples = Long.MIN_VALUE;
        }
        if (pullsSinceChange < Integer.MAX_VALUE) {
            pullsSinceChange++;
        }
        if (!synced) {
            Arrays.fill(frame, 0, frameSamples, (short) 0);
            return FrameKind.SILENCE;
        }
        if (pullsSinceArrival < Integer.MAX_VALUE) {
            pullsSinceArrival++;
        }
        if (stallFrames > 0) {
            stallFrames--;
            return conceal(frame, false);
        }
        int desired = desiredFrames();
        if (desired != delayFrames && playoutSample >= syncSample && silentAt(playoutSample)) {
            if (desired > delayFrames) {
                delayFrames++;
                pullsSinceChange = 0;
                return conceal(frame, false);
            }
            if (pullsSinceChange >= SHRINK_INTERVAL_PULLS) {
                delayFrames--;
                pullsSinceChange = 0;
                discardFrameAt(playoutSample);
                playoutSample += frameSamples;
            }
        }
        return playOut(frame);
    }

    /** True while received audio is still waiting to be played out (to flush the buffer at the end). */
    public boolean hasBuffered() {
        return synced && receivedEndSample > playoutSample;
    }

    /** The current playout delay in frames (1..10). */
    public int delayFrames() {
        return delayFrames;
    }

    /** The RFC 3550 interarrival jitter estimate, in milliseconds (20 ms resolution of the arrival times). */
    public double jitterMillis() {
        return jitterSamples * Frames.MILLIS / frameSamples;
    }

    private FrameKind playOut(short[] frame) {
        long frameIndex = playoutSample / frameSamples;
        int slot = (int) (frameIndex & mask);
        boolean preRoll = playoutSample < syncSample;
        playoutSample += frameSamples;
        if (slotFrame[slot] == frameIndex) {
            slotFrame[slot] = EMPTY;
            System.arraycopy(slotPcm[slot], 0, frame, 0, frameSamples);
            System.arraycopy(frame, 0, lastFrame, 0, frameSamples);
            concealed = 0;
            return FrameKind.AUDIO;
        }
        if (preRoll) {
            Arrays.fill(frame, 0, frameSamples, (short) 0);
            return FrameKind.SILENCE;
        }
        return conceal(frame, receivedEndSample > playoutSample);
    }

    /** A missing frame: an attenuated repeat of the last audio (3 times at most), then silence. */
    private FrameKind conceal(short[] frame, boolean lost) {
        if (lost) {
            counters.increment(Counter.FRAMES_LOST);
        }
        if (concealed < MAX_CONCEALED) {
            concealed++;
            for (int i = 0; i < frameSamples; i++) {
                frame[i] = (short) (lastFrame[i] >> concealed);
            }
            counters.increment(Counter.FRAMES_CONCEALED);
            return FrameKind.CONCEALED;
        }
        Arrays.fill(frame, 0, frameSamples, (short) 0);
        return FrameKind.SILENCE;
    }

    /** Delay and jitter of a packet that will be placed at sample {@code position}. */
    private void observe(long position) {
        long now = pulls * frameSamples;
        long delay = (long) (delayFrames - stallFrames) * frameSamples - (position - playoutSample);
        peakDelaySamples = Math.max(peakDelaySamples, delay);
        long transit = now - position;
        if (haveTransit) {
            jitterSamples += (Math.abs(transit - lastTransit) - jitterSamples) / 16;
        }
        lastTransit = transit;
        haveTransit = true;
        int needed = (int) Math.min(MAX_DELAY_FRAMES, ceilDiv(delay, frameSamples));
        if (needed > delayFrames) {
            stallFrames += needed - delayFrames;
            delayFrames = needed;
            pullsSinceChange = 0;
        }
    }

    private int desiredFrames() {
        long peak = Math.max(peakDelaySamples, previousPeakDelaySamples);
        double wanted = Math.max(peak, JITTER_MULTIPLE * jitterSamples);
        int frames = (int) Math.ceil(wanted / frameSamples);
        return Math.max(MIN_DELAY_FRAMES, Math.min(MAX_DELAY_FRAMES, frames));
    }

    /**
     * True when the frame at {@code sample} is quieter than -50 dBFS, or missing after the concealment ran out
     * (a gap between talkspurts, not a hole in speech).
     */
    private boolean silentAt(long sample) {
        long frameIndex = sample / frameSamples;
        int slot = (int) (frameIndex & mask);
        if (slotFrame[slot] != frameIndex) {
            return concealed >= MAX_CONCEALED;
        }
        short[] pcm = slotPcm[slot];
        long energy = 0;
        for (int i = 0; i < frameSamples; i++) {
            energy += pcm[i] * pcm[i];
        }
        return energy < SILENT_MEAN_SQUARE * frameSamples;
    }

    private void discardFrameAt(long sample) {
        long frameIndex = sample / frameSamples;
        int slot = (int) (frameIndex & mask);
        if (slotFrame[slot] == frameIndex) {
            slotFrame[slot] = EMPTY;
        }
    }

    private long positionOf(long timestamp) {
        return syncSample + Math.floorDiv((int) (timestamp - syncTimestamp) * samplesPerUnit, unitsPerSample);
    }

    private boolean outsideWindow(long position, int samples) {
        return position >= playoutSample + windowSamples || position + samples <= playoutSample - windowSamples;
    }

    private void sync(int sequence, long timestamp, int ssrc) {
        synced = true;
        this.ssrc = ssrc;
        syncTimestamp = timestamp;
        syncSample = playoutSample + (long) delayFrames * frameSamples;
        receivedEndSample = playoutSample;
        Arrays.fill(slotFrame, EMPTY);
        highestSequence = (sequence - 1) & 0xFFFF;
        seenSequences = 0;
        concealed = MAX_CONCEALED;
        pullsSinceArrival = 0;
        stallFrames = 0;
        haveTransit = false;
        peakDelaySamples = Long.MIN_VALUE;
        previousPeakDelaySamples = Long.MIN_VALUE;
    }

    private void write(long position, short[] pcm, int offset, int samples) {
        long start = Math.max(position, playoutSample);
        long end = Math.min(position + samples, playoutSample + windowSamples);
        for (long at = start; at < end; ) {
            long frameIndex = at / frameSamples;
            int slot = (int) (frameIndex & mask);
            if (slotFrame[slot] != frameIndex) {
                Arrays.fill(slotPcm[slot], 0, frameSamples, (short) 0);
                slotFrame[slot] = frameIndex;
            }
            int within = (int) (at - frameIndex * frameSamples);
            int count = (int) Math.min(frameSamples - within, end - at);
            System.arraycopy(pcm, offset + (int) (at - position), slotPcm[slot], within, count);
            at += count;
        }
        receivedEndSample = Math.max(receivedEndSample, end);
    }

    private static long ceilDiv(long value, long divisor) {
        return -Math.floorDiv(-value, divisor);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
