package postbox.media.record;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import postbox.media.Frames;
import postbox.media.MediaEvent;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;
import postbox.media.ring.SampleRing;

/**
 * One recording: the tick {@linkplain #append appends} frames into a lock-free ring (4 s) and decides when to
 * stop (silence timeout, maximum length, terminator key); a virtual writer thread drains the ring into the
 * {@link PcmOutput}, checkpointing about once a second of audio. A stalled writer costs dropped frames
 * (counted as overruns), never a blocked tick.
 *
 * <p>Threading: constructed and {@linkplain #start started} on the call's thread; {@link #append},
 * {@link #stopsOn} and {@link #finish} on the tick thread (or on any one thread once the leg stopped ticking);
 * {@link #id} and {@link #drained} are thread-safe.
 */
public final class Recording implements Recorder {
    private static final Logger log = LoggerFactory.getLogger(Recording.class);
    private static final int RING_SAMPLES = 4 * Frames.RATE;
    private static final int CHUNK_SAMPLES = Frames.RATE / 5;
    private static final long CHECKPOINT_SAMPLES = Frames.RATE;
    private static final long WRITER_POLL_NANOS = Frames.NANOS;

    private final long id;
    private final String terminators;
    private final PcmOutput output;
    private final String callId;
    private final long maxSamples;
    private final long silenceFrames;
    private final SilenceDetector detector;
    private final SampleRing ring = new SampleRing(RING_SAMPLES);
    private final CompletableFuture<Long> drained = new CompletableFuture<>();
    private volatile boolean finished;
    private volatile boolean failed;
    private volatile Thread writer;

    private long elapsedSamples;
    private long samples;
    private long voicedSamples;
    private long silentFrames;

    /** A recording, not yet started. Call's thread. */
    public Recording(long id, RecordSpec spec, PcmOutput output, String callId) {
        this.id = id;
        this.terminators = spec.terminators();
        this.output = output;
        this.callId = callId;
        this.maxSamples = spec.maxLength().toMillis() * Frames.RATE / 1000;
        Duration silence = spec.silenceTimeout();
        this.silenceFrames = silence == null ? 0 : (silence.toMillis() + Frames.MILLIS - 1) / Frames.MILLIS;
        this.detector = new SilenceDetector(spec.silenceThresholdDbfs());
    }

    /** Starts the writer thread. Call's thread, once. */
    public void start() {
        writer = Thread.ofVirtual().name("recorder-" + callId + "-" + id).start(this::drain);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public CompletableFuture<Long> drained() {
        return drained;
    }

    /**
     * Appends one frame heard from the peer. Tick thread.
     *
     * @return why the recording must stop now, or null to go on
     */
    public RecordStop append(short[] frame, Counters counters) {
        if (failed) {
            return RecordStop.ERROR;
        }
        int count = (int) Math.min(Frames.SAMPLES, maxSamples - elapsedSamples);
        boolean voiced = detector.voiced(frame, 0, count);
        elapsedSamples += count;
        if (ring.offer(frame, 0, count)) {
            samples += count;
            if (voiced) {
                voicedSamples = samples;
            }
        } else {
            counters.increment(Counter.RECORD_OVERRUNS);
        }
        silentFrames = voiced ? 0 : silentFrames + 1;
        if (elapsedSamples >= maxSamples) {
            return RecordStop.MAX_LENGTH;
        }
        if (silenceFrames > 0 && silentFrames >= silenceFrames) {
            return RecordStop.SILENCE;
        }
        return null;
    }

    /** True when {@code key} is one of this recording's terminators. Tick thread. */
    public boolean stopsOn(char key) {
        return terminators.indexOf(key) >= 0;
    }

    /**
     * Ends the recording: no more frames; the writer drains what is left and completes {@link #drained()}.
     *
     * @return the event that reports it
     */
    public MediaEvent.RecordDone finish(RecordStop reason) {
        finished = true;
        Thread thread = writer;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        return new MediaEvent.RecordDone(id, reason, samples, voicedSamples);
    }

    private void drain() {
        MDC.put("callId", callId);
        short[] chunk = new short[CHUNK_SAMPLES];
        long written = 0;
        long sinceCheckpoint = 0;
        try {
            while (true) {
                boolean last = finished;
                int count = ring.poll(chunk, 0, chunk.length);
                if (count > 0) {
                    output.write(chunk, 0, count);
                    written += count;
                    sinceCheckpoint += count;
                    if (sinceCheckpoint >= CHECKPOINT_SAMPLES) {
                        output.checkpoint();
                        sinceCheckpoint = 0;
                    }
                } else if (last) {
                    break;
                } else {
                    LockSupport.parkNanos(WRITER_POLL_NANOS);
                }
            }
            output.checkpoint();
            drained.complete(written);
        } catch (IOException | RuntimeException e) {
            failed = true;
            log.warn("Recording {} failed after {} samples; the leg stops it", id, written, e);
            drained.completeExceptionally(e);
        } finally {
            MDC.remove("callId");
        }
    }
}
