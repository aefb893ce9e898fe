package postbox.media.record;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import postbox.media.source.Resampler;

/**
 * One recording: the tick {@linkplain #append appends} frames into a lock-free ring (4 s) and decides when to
 * stop (silence timeout, maximum length, terminator key); a virtual writer thread drains the ring into the
 * {@link PcmOutput} every 200 ms, checkpointing about every half second of audio. A stalled writer costs dropped frames
 * (counted as overruns), never a blocked tick.
 *
 * <p>The output always gets 8 kHz: the ring holds frames at the leg's rate (320 samples per frame on a 16 kHz
 * leg), and the writer downsamples 16 kHz stretches with a band-limited {@link Resampler}. A rate change during
 * the recording (a re-INVITE to another codec) is handed to the writer with the ring position it starts at.
 * Sample counts ({@link MediaEvent.RecordDone}, {@link #drained()}) are 8 kHz samples.
 *
 * <p>Threading: constructed and {@linkplain #start started} on the call's thread; {@link #append},
 * {@link #stopsOn} and {@link #finish} on the tick thread (or on any one thread once the leg stopped ticking);
 * {@link #id} and {@link #drained} are thread-safe.
 */
public final class Recording implements Recorder {
    private static final Logger log = LoggerFactory.getLogger(Recording.class);
    private static final int RING_SAMPLES = 4 * Frames.WIDEBAND_RATE;
    private static final int CHUNK_SAMPLES = Frames.RATE / 5;
    private static final long CHECKPOINT_SAMPLES = Frames.RATE / 2;
    /** The writer wakes once per chunk of audio: 500 recordings cost 2,500 wake-ups a second, not 25,000. */
    private static final long WRITER_POLL_NANOS = CHUNK_SAMPLES * 1_000_000_000L / Frames.RATE;

    private final long id;
    private final String terminators;
    private final PcmOutput output;
    private final String callId;
    private final long maxSamples;
    private final long silenceFrames;
    private final SilenceDetector detector;
    private final SampleRing ring = new SampleRing(RING_SAMPLES);
    private final Queue<RateChange> rateChanges = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Long> drained = new CompletableFuture<>();
    private volatile boolean finished;
    private volatile boolean failed;
    private volatile Thread writer;

    private long elapsedSamples;
    private long samples;
    private long voicedSamples;
    private long silentFrames;
    private int ringRate = Frames.RATE;
    private long ringSamples;

    /** From ring sample {@code position} on, the ring holds audio at {@code sampleRate}. */
    private record RateChange(long position, int sampleRate) {
    }

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
     * Appends one 20 ms frame heard from the peer ({@code frame.length} samples: 160 at 8 kHz, 320 at 16 kHz).
     * Tick thread.
     *
     * @return why the recording must stop now, or null to go on
     */
    public RecordStop append(short[] frame, Counters counters) {
        if (failed) {
            return RecordStop.ERROR;
        }
        int rate = frame.length * (1000 / Frames.MILLIS);
        if (rate != ringRate) {
            ringRate = rate;
            rateChanges.add(new RateChange(ringSamples, rate));
        }
        int count = (int) Math.min(Frames.SAMPLES, maxSamples - elapsedSamples);
        int ringCount = count * (rate / Frames.RATE);
        boolean voiced = detector.voiced(frame, 0, ringCount);
        elapsedSamples += count;
        if (ring.offer(frame, 0, ringCount)) {
            ringSamples += ringCount;
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
        Writer writer = new Writer();
        try {
            while (true) {
                boolean last = finished;
                if (!writer.step()) {
                    if (last) {
                        break;
                    }
                    LockSupport.parkNanos(WRITER_POLL_NANOS);
                }
            }
            writer.endStretch();
            output.checkpoint();
            drained.complete(writer.written);
        } catch (IOException | RuntimeException e) {
            failed = true;
            log.warn("Recording {} failed after {} samples; the leg stops it", id, writer.written, e);
            drained.completeExceptionally(e);
        } finally {
            MDC.remove("callId");
        }
    }

    /** The writer thread's side: ring to output, downsampling 16 kHz stretches, checkpointing. */
    private final class Writer {
        private final short[] chunk = new short[CHUNK_SAMPLES * 2];
        private final short[] narrow = new short[CHUNK_SAMPLES * 2 + 64];
        private long consumed;
        private int rate = Frames.RATE;
        private Resampler downsampler;
        private long written;
        private long sinceCheckpoint;

        /** Moves what the ring holds (up to a rate change) to the output; false when there was nothing. */
        boolean step() throws IOException {
            RateChange change = rateChanges.peek();
            if (change != null && change.position() == consumed) {
                rateChanges.poll();
                endStretch();
                rate = change.sampleRate();
                downsampler = rate == Frames.RATE ? null : new Resampler(rate, Frames.RATE);
                return true;
            }
            int max = change == null ? chunk.length : (int) Math.min(chunk.length, change.position() - consumed);
            int count = ring.poll(chunk, 0, max);
            if (count == 0) {
                return false;
            }
            consumed += count;
            if (downsampler == null) {
                write(chunk, count);
            } else {
                write(narrow, downsampler.process(chunk, 0, count, narrow, 0));
            }
            return true;
        }

        /** Ends a stretch at one rate: the downsampler's tail goes out. */
        void endStretch() throws IOException {
            if (downsampler != null) {
                write(narrow, downsampler.flush(narrow, 0));
            }
        }

        private void write(short[] samples, int count) throws IOException {
            if (count == 0) {
                return;
            }
            output.write(samples, 0, count);
            written += count;
            sinceCheckpoint += count;
            if (sinceCheckpoint >= CHECKPOINT_SAMPLES) {
                output.checkpoint();
                sinceCheckpoint = 0;
            }
        }
    }
}
