package postbox.ivr.media;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import postbox.ivr.Prompt;
import postbox.ivr.prompt.TestPrompts;
import postbox.media.Frames;
import postbox.media.MediaConfig;
import postbox.media.MediaEngine;
import postbox.media.MediaSource;
import postbox.media.clock.ManualClock;
import postbox.media.testing.RtpPeer;

/**
 * A {@link MediaCall} on a real leg of a manual-clock engine (RTP on 127.0.0.1) whose caller is media's
 * {@link RtpPeer}. The call's work runs on its own virtual thread, as in the server; the test thread ticks the
 * clock and plays the peer. Every wait is bounded. Used by one test thread.
 */
public final class RtpCallFixture implements AutoCloseable {

    /** The longest a test waits for anything. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final short[] SILENCE = new short[Frames.SAMPLES];

    public final MediaEngine engine;
    public final ManualClock clock;
    public final RtpPeer peer;
    public final SignallingLeg leg;
    public final MediaCall call;
    private final ExecutorService callThread = Executors.newVirtualThreadPerTaskExecutor();

    private RtpCallFixture(MediaConfig config, String callerNumber) throws IOException {
        engine = MediaEngine.withManualClock(config);
        clock = engine.manualClock();
        leg = new SignallingLeg(engine.openLeg("it-call"));
        peer = RtpPeer.open().sendTo(leg.localAddress());
        leg.connect(peer.media());
        clock.advance(1);
        call = new MediaCall(leg, callerNumber, TestPrompts.english());
    }

    /** A connected call from {@code callerNumber}, one clock, defaults otherwise. */
    public static RtpCallFixture connected(String callerNumber) throws IOException {
        return connected(MediaConfig.defaults(InetAddress.getLoopbackAddress()).withClocks(1), callerNumber);
    }

    /** A connected call on an engine configured with {@code config}. */
    public static RtpCallFixture connected(MediaConfig config, String callerNumber) throws IOException {
        return new RtpCallFixture(config, callerNumber);
    }

    /** Runs {@code work} on the call's thread. */
    public <T> Future<T> onCallThread(Callable<T> work) {
        return callThread.submit(work);
    }

    /** The result of work on the call's thread, waiting at most {@link #WAIT}. */
    public static <T> T result(Future<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The peer sends a silent frame and one tick runs, until the call posts {@code command}. */
    public void tickUntilCommand(String command) throws Exception {
        long deadlineNanos = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String posted = leg.pollCommand(Duration.ofMillis(1));
            if (command.equals(posted)) {
                return;
            }
            tick(deadlineNanos, "the call to post " + command);
        }
    }

    /** Ticks (the peer sending silence) until {@code condition} holds. */
    public void tickUntil(BooleanSupplier condition, String what) throws Exception {
        long deadlineNanos = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            tick(deadlineNanos, what);
            Thread.onSpinWait();
        }
    }

    /** Ticks until the work on the call's thread is done, and returns its result. */
    public <T> T tickUntilDone(Future<T> work) throws Exception {
        long deadlineNanos = System.nanoTime() + WAIT.toNanos();
        while (!work.isDone()) {
            leg.pollCommand(Duration.ofMillis(1));
            tick(deadlineNanos, "the call's work to end");
        }
        return result(work);
    }

    private void tick(long deadlineNanos, String what) throws IOException {
        if (System.nanoTime() > deadlineNanos) {
            throw new AssertionError("waited " + WAIT + " for " + what);
        }
        peer.sendFrame(SILENCE);
        clock.advance(1);
    }

    /** {@code ticks} ticks, the peer sending silence. */
    public void tick(int ticks) throws IOException {
        for (int i = 0; i < ticks; i++) {
            peer.sendFrame(SILENCE);
            clock.advance(1);
        }
    }

    /** For each frame: the peer sends it, then one tick runs. */
    public void speak(List<short[]> frames) throws IOException {
        for (short[] frame : frames) {
            peer.sendFrame(frame);
            clock.advance(1);
        }
    }

    /** The peer presses {@code keys}, a tick after each. */
    public void press(String keys) throws IOException {
        for (char key : keys.toCharArray()) {
            peer.sendDigit(key);
            clock.advance(1);
        }
    }

    /** Frames of a voiced pattern particular to each frame. */
    public static List<short[]> speech(int count) {
        return IntStream.range(0, count).mapToObj(f -> {
            short[] frame = new short[Frames.SAMPLES];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) ((i % 2 == 0 ? 1 : -1) * (1000 + 37 * f + 5 * i));
            }
            return frame;
        }).toList();
    }

    /** The frames, joined. */
    public static short[] concat(List<short[]> frames) {
        short[] all = new short[frames.size() * Frames.SAMPLES];
        for (int f = 0; f < frames.size(); f++) {
            System.arraycopy(frames.get(f), 0, all, f * Frames.SAMPLES, Frames.SAMPLES);
        }
        return all;
    }

    /** What the English prompts play for {@code prompt}, frame-padded. */
    public static short[] pcm(Prompt prompt) {
        MediaSource source = TestPrompts.english().source(List.of(prompt));
        short[] frame = new short[Frames.SAMPLES];
        short[] all = new short[0];
        while (source.read(frame)) {
            all = Arrays.copyOf(all, all.length + Frames.SAMPLES);
            System.arraycopy(frame, 0, all, all.length - Frames.SAMPLES, Frames.SAMPLES);
        }
        source.close();
        return all;
    }

    /** Whether the peer heard {@code audio} (after its codec) somewhere. */
    public boolean heard(short[] audio) {
        short[] expected = peer.codecRoundTrip(audio);
        short[] heard = peer.audio();
        outer:
        for (int at = 0; at + expected.length <= heard.length; at++) {
            for (int i = 0; i < expected.length; i++) {
                if (heard[at + i] != expected[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        callThread.shutdownNow();
        engine.close();
        peer.close();
    }
}
