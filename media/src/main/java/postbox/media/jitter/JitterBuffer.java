package postbox.media.jitter;

import java.util.Arrays;

import postbox.media.Frames;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;

/**
 * A fixed-delay jitter buffer for one leg's incoming audio (decoded PCM). Tick thread only; allocation-free
 * after construction.
 *
 * <p>Packets are placed by RTP timestamp into frame slots (any packet length: a sample position is
 * {@code syncSample + (timestamp - syncTimestamp)}). Playout starts {@code delayFrames} frames after the first
 * packet and then yields exactly one frame per {@link #pull}. Reordered packets slot in; packets behind the
 * playout point are dropped as late; a sequence number seen before is a duplicate. A missing frame is concealed
 * by repeating the last frame at -6, -12 and -18 dB, then silence; it counts as lost when later audio is
 * already buffered (a hole, not the end of a talkspurt). A new SSRC, a timestamp beyond the buffer's window
 * either way, or a marker after more than {@code delayFrames} frames without packets re-syncs: the new packet
 * plays {@code delayFrames} frames later, after silence.
 */
public final class JitterBuffer {
    private static final int SAMPLES = Frames.SAMPLES;
    private static final int MAX_CONCEALED = 3;
    private static final int MIN_CAPACITY_FRAMES = 32;
    private static final long EMPTY = -1;

    private final int delayFrames;
    private final long delaySamples;
    private final long windowSamples;
    private final int mask;
    private final long[] slotFrame;
    private final short[][] slotPcm;
    private final short[] lastFrame = new short[SAMPLES];
    private final Counters counters;

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

    /**
     * @param delayFrames frames between the first packet's arrival and its playout (3 for 60 ms)
     * @param counters    where late/reordered/duplicate packets, resyncs, lost and concealed frames are counted
     */
    public JitterBuffer(int delayFrames, Counters counters) {
        if (delayFrames < 0 || delayFrames > MIN_CAPACITY_FRAMES / 2) {
            throw new IllegalArgumentException("jitter delay must be 0.." + MIN_CAPACITY_FRAMES / 2
                    + " frames, not " + delayFrames);
        }
        this.delayFrames = delayFrames;
        this.delaySamples = (long) delayFrames * SAMPLES;
        this.counters = counters;
        int capacity = MIN_CAPACITY_FRAMES;
        this.windowSamples = (long) capacity * SAMPLES;
        this.mask = capacity - 1;
        this.slotFrame = new long[capacity];
        this.slotPcm = new short[capacity][SAMPLES];
        Arrays.fill(slotFrame, EMPTY);
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

    /** Fills {@code frame} with the next 20 ms of playout (silence until the first packet). */
    public FrameKind pull(short[] frame) {
        if (!synced) {
            Arrays.fill(frame, 0, SAMPLES, (short) 0);
            return FrameKind.SILENCE;
        }
        if (pullsSinceArrival < Integer.MAX_VALUE) {
            pullsSinceArrival++;
        }
        long frameIndex = playoutSample / SAMPLES;
        int slot = (int) (frameIndex & mask);
        playoutSample += SAMPLES;
        if (slotFrame[slot] == frameIndex) {
            slotFrame[slot] = EMPTY;
            System.arraycopy(slotPcm[slot], 0, frame, 0, SAMPLES);
            System.arraycopy(frame, 0, lastFrame, 0, SAMPLES);
            concealed = 0;
            return FrameKind.AUDIO;
        }
        if (playoutSample <= syncSample) {
            Arrays.fill(frame, 0, SAMPLES, (short) 0);
            return FrameKind.SILENCE;
        }
        if (receivedEndSample > playoutSample) {
            counters.increment(Counter.FRAMES_LOST);
        }
        if (concealed < MAX_CONCEALED) {
            concealed++;
            for (int i = 0; i < SAMPLES; i++) {
                frame[i] = (short) (lastFrame[i] >> concealed);
            }
            counters.increment(Counter.FRAMES_CONCEALED);
            return FrameKind.CONCEALED;
        }
        Arrays.fill(frame, 0, SAMPLES, (short) 0);
        return FrameKind.SILENCE;
    }

    /** True while received audio is still waiting to be played out (to flush the buffer at the end). */
    public boolean hasBuffered() {
        return synced && receivedEndSample > playoutSample;
    }

    private long positionOf(long timestamp) {
        return syncSample + (int) (timestamp - syncTimestamp);
    }

    private boolean outsideWindow(long position, int samples) {
        return position >= playoutSample + windowSamples || position + samples <= playoutSample - windowSamples;
    }

    private void sync(int sequence, long timestamp, int ssrc) {
        synced = true;
        this.ssrc = ssrc;
        syncTimestamp = timestamp;
        syncSample = playoutSample + delaySamples;
        receivedEndSample = playoutSample;
        Arrays.fill(slotFrame, EMPTY);
        highestSequence = (sequence - 1) & 0xFFFF;
        seenSequences = 0;
        concealed = MAX_CONCEALED;
        pullsSinceArrival = 0;
    }

    private void write(long position, short[] pcm, int offset, int samples) {
        long start = Math.max(position, playoutSample);
        long end = Math.min(position + samples, playoutSample + windowSamples);
        for (long at = start; at < end; ) {
            long frameIndex = at / SAMPLES;
            int slot = (int) (frameIndex & mask);
            if (slotFrame[slot] != frameIndex) {
                Arrays.fill(slotPcm[slot], (short) 0);
                slotFrame[slot] = frameIndex;
            }
            int within = (int) (at - frameIndex * SAMPLES);
            int count = (int) Math.min(SAMPLES - within, end - at);
            System.arraycopy(pcm, offset + (int) (at - position), slotPcm[slot], within, count);
            at += count;
        }
        receivedEndSample = Math.max(receivedEndSample, end);
    }
}
