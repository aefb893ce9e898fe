package postbox.media.source;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sound.sampled.AudioInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import postbox.media.Frames;
import postbox.media.MediaSource;
import postbox.media.ring.SampleRing;

/**
 * A WAV stream (a greeting, a message) played without file I/O on the tick: a virtual thread reads ahead into
 * a lock-free ring (2 s), converting to the leg's rate (8 or 16 kHz) as it goes; the tick only copies frames
 * out. When the reader is late the frame is silence and
 * counts as an underrun. The stream is closed by the reader when it is done, when the playback is closed, or
 * when nobody has read for 30 s (an abandoned source).
 *
 * <p>Threading: the constructor blocks on the caller's thread while it reads the header and fills the ring
 * (the first 2 s, all of a shorter file); {@link #read} and {@link #underruns} are tick thread only;
 * {@link #close} is thread-safe and returns at once. A source that is never played must be closed. (A manual
 * clock ticking faster than real time may outrun the reader after those first 2 s.)
 */
public final class WavStreamSource implements MediaSource {
    private static final Logger log = LoggerFactory.getLogger(WavStreamSource.class);
    private static final int CHUNK_SAMPLES = Frames.RATE / 5;
    private static final long PREFILL_TIMEOUT_MILLIS = 2000;
    private static final long WAIT_NANOS = 10_000_000;
    private static final long ABANDON_NANOS = 30_000_000_000L;

    private final SampleRing ring;
    private final int sampleRate;
    private final CountDownLatch primed = new CountDownLatch(1);
    private volatile boolean ended;
    private volatile boolean closed;
    private long underruns;
    private long produced;

    /**
     * Starts streaming {@code wav} at 8 kHz; it is closed when playback ends.
     *
     * @throws IllegalArgumentException when it is not audio that Java Sound can read and convert
     * @throws IOException              when reading its header fails
     */
    public WavStreamSource(InputStream wav) throws IOException {
        this(wav, Frames.RATE);
    }

    /**
     * Starts streaming {@code wav} for a leg running at {@code sampleRate} (8000 or 16000; the reader thread
     * resamples); it is closed when playback ends.
     *
     * @throws IllegalArgumentException when it is not audio that Java Sound can read and convert, or for another
     *                                  rate
     * @throws IOException              when reading its header fails
     */
    public WavStreamSource(InputStream wav, int sampleRate) throws IOException {
        this(wav, sampleRate, Duration.ZERO);
    }

    /**
     * Starts streaming {@code wav} from {@code from} into it (a message played on from where the caller skipped to;
     * past its end: nothing) for a leg running at {@code sampleRate}; it is closed when playback ends.
     *
     * @throws IllegalArgumentException when it is not audio that Java Sound can read and convert, for another rate
     *                                  or a negative start
     * @throws IOException              when reading its header or skipping fails
     */
    public WavStreamSource(InputStream wav, int sampleRate, Duration from) throws IOException {
        try {
            if (from.isNegative()) {
                throw new IllegalArgumentException("a playback cannot start before the audio: " + from);
            }
            this.sampleRate = Frames.checkRate(sampleRate);
        } catch (IllegalArgumentException e) {
            wav.close();
            throw e;
        }
        this.ring = new SampleRing(2 * sampleRate);
        AudioInputStream audio;
        try {
            audio = Wav.open(wav);
            skip(audio, from);
        } catch (IOException | RuntimeException e) {
            wav.close();
            throw e;
        }
        Thread.ofVirtual().name("wav-reader").start(() -> readAhead(audio));
        try {
            primed.await(PREFILL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Skips the frames of {@code audio} before {@code from} (all of them when it is shorter). */
    private static void skip(AudioInputStream audio, Duration from) throws IOException {
        javax.sound.sampled.AudioFormat format = audio.getFormat();
        long bytes = from.toMillis() * (long) format.getFrameRate() / 1000 * format.getFrameSize();
        while (bytes > 0) {
            long skipped = audio.skip(bytes);
            if (skipped <= 0) {
                return;
            }
            bytes -= skipped;
        }
    }

    @Override
    public boolean read(short[] frame) {
        boolean done = ended;
        int available = ring.available();
        if (available >= frame.length) {
            ring.poll(frame, 0, frame.length);
            return true;
        }
        if (done) {
            if (available == 0) {
                return false;
            }
            ring.poll(frame, 0, available);
            Arrays.fill(frame, available, frame.length, (short) 0);
            return true;
        }
        underruns++;
        Arrays.fill(frame, (short) 0);
        return true;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public long underruns() {
        return underruns;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void readAhead(AudioInputStream audio) {
        try (audio) {
            if (Wav.isMonoAt(audio.getFormat(), sampleRate)) {
                stream(audio);
            } else {
                short[] all = Wav.convert(Wav.samples(audio.readAllBytes()), audio.getFormat(), sampleRate);
                for (int offset = 0; offset < all.length && !closed; offset += CHUNK_SAMPLES) {
                    put(all, offset, Math.min(CHUNK_SAMPLES, all.length - offset));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Reading the WAV stream failed; playing what was read", e);
        } finally {
            ended = true;
            primed.countDown();
        }
    }

    private void stream(AudioInputStream audio) throws IOException {
        byte[] bytes = new byte[2 * CHUNK_SAMPLES];
        short[] chunk = new short[CHUNK_SAMPLES];
        while (!closed) {
            int length = audio.read(bytes, 0, bytes.length);
            if (length < 0) {
                return;
            }
            int count = length / 2;
            for (int i = 0; i < count; i++) {
                chunk[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            put(chunk, 0, count);
        }
    }

    /** Reader thread: waits for room in the ring; gives up (closes) when nobody reads for 30 s. */
    private void put(short[] samples, int offset, int count) {
        waitForRoom(samples, offset, count);
        produced += count;
        if (produced > ring.capacity() - CHUNK_SAMPLES) {
            primed.countDown();
        }
    }

    private void waitForRoom(short[] samples, int offset, int count) {
        long since = System.nanoTime();
        int before = ring.available();
        while (!closed && !ring.offer(samples, offset, count)) {
            int now = ring.available();
            if (now < before) {
                since = System.nanoTime();
                before = now;
            } else if (System.nanoTime() - since > ABANDON_NANOS) {
                log.warn("WAV stream abandoned: nobody read it for {} s; closing it", ABANDON_NANOS / 1_000_000_000);
                closed = true;
                return;
            }
            LockSupport.parkNanos(WAIT_NANOS);
        }
    }
}
