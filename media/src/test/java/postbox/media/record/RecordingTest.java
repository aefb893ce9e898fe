package postbox.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;
import postbox.media.MediaEvent;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;
import postbox.media.testing.PcmCollector;

class RecordingTest {
    private static final short[] SILENCE = new short[Frames.SAMPLES];
    private final Counters counters = new Counters();
    private final PcmCollector output = new PcmCollector();

    @Test
    void stopsAfterTheSilenceTimeoutCountedFromTheStart() throws Exception {
        Recording recording = start(new RecordSpec(Duration.ofMinutes(2), Duration.ofSeconds(1), "#", -42));
        int frames = appendUntilStop(recording, SILENCE, 1000);
        assertThat(frames).isEqualTo(50);
        MediaEvent.RecordDone done = recording.finish(RecordStop.SILENCE);
        assertThat(done).isEqualTo(new MediaEvent.RecordDone(7, RecordStop.SILENCE, 50 * 160, 0));
        assertThat(recording.drained().get(5, TimeUnit.SECONDS)).isEqualTo(50L * 160);
    }

    @Test
    void countsVoicedSamplesUpToTheLastVoicedFrame() throws Exception {
        Recording recording = start(new RecordSpec(Duration.ofMinutes(2), Duration.ofMillis(500), "#", -42));
        short[] voice = frameOf(3000);
        for (int i = 0; i < 10; i++) {
            assertThat(recording.append(voice, counters)).isNull();
        }
        assertThat(recording.append(SILENCE, counters)).isNull();
        assertThat(recording.append(voice, counters)).as("speech resets the silence run").isNull();
        int silentFrames = appendUntilStop(recording, SILENCE, 1000);
        assertThat(silentFrames).isEqualTo(25);
        MediaEvent.RecordDone done = recording.finish(RecordStop.SILENCE);
        assertThat(done.voicedSamples()).isEqualTo(12 * 160);
        assertThat(done.samples()).isEqualTo((12 + 25) * 160);
        recording.drained().get(5, TimeUnit.SECONDS);
        short[] written = output.samples();
        assertThat(Arrays.copyOfRange(written, 0, 1600)).containsOnly((short) 3000);
        assertThat(Arrays.copyOfRange(written, 1600, 1760)).containsOnly((short) 0);
    }

    @Test
    void stopsExactlyAtTheMaximumLength() throws Exception {
        Recording recording = start(new RecordSpec(Duration.ofMillis(1010), null, "", -42));
        int frames = appendUntilStop(recording, frameOf(1000), 1000);
        assertThat(frames).as("50 whole frames and half of one").isEqualTo(51);
        assertThat(recording.finish(RecordStop.MAX_LENGTH).samples()).isEqualTo(8080);
        assertThat(recording.drained().get(5, TimeUnit.SECONDS)).isEqualTo(8080L);
        assertThat(output.samples()).hasSize(8080).containsOnly((short) 1000);
    }

    @Test
    void neverStopsForSilenceWithoutATimeout() {
        Recording recording = start(new RecordSpec(Duration.ofMinutes(2), null, null, -42));
        for (int i = 0; i < 3000; i++) {
            assertThat(recording.append(SILENCE, counters)).isNull();
        }
        assertThat(recording.stopsOn('#')).as("no terminators").isFalse();
        recording.finish(RecordStop.STOPPED);
    }

    @Test
    void stopsOnlyOnItsTerminators() {
        Recording recording = start(new RecordSpec(Duration.ofMinutes(2), null, "#*", -42));
        assertThat(recording.stopsOn('#')).isTrue();
        assertThat(recording.stopsOn('*')).isTrue();
        assertThat(recording.stopsOn('1')).isFalse();
        recording.finish(RecordStop.STOPPED);
    }

    @Test
    void writesEverythingInOrderAndCheckpointsAboutEveryHalfSecond() throws Exception {
        Recording recording = start(new RecordSpec(Duration.ofMinutes(2), null, "#", -42));
        short[] frame = new short[Frames.SAMPLES];
        int frames = 3 * 50 + 17;
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (f * Frames.SAMPLES + i);
            }
            recording.append(frame, counters);
        }
        recording.finish(RecordStop.STOPPED);
        assertThat(recording.drained().get(5, TimeUnit.SECONDS)).isEqualTo((long) frames * Frames.SAMPLES);
        short[] written = output.samples();
        for (int i = 0; i < written.length; i++) {
            assertThat(written[i]).as("sample %d", i).isEqualTo((short) i);
        }
        List<Integer> checkpoints = output.checkpoints();
        assertThat(checkpoints.getLast()).as("final checkpoint").isEqualTo(written.length);
        int previous = 0;
        for (int at : checkpoints.subList(0, checkpoints.size() - 1)) {
            assertThat(at - previous).as("audio between checkpoints").isBetween(Frames.RATE / 2, Frames.RATE);
            previous = at;
        }
        assertThat(checkpoints.size()).as("3.3 s of audio").isBetween(4, 8);
    }

    @Test
    void dropsFramesWhenTheWriterStallsAndNeverBlocks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PcmOutput stalled = new PcmOutput() {
            @Override
            public void write(short[] samples, int offset, int count) throws IOException {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                output.write(samples, offset, count);
            }

            @Override
            public void checkpoint() {
            }
        };
        Recording recording = new Recording(1, new RecordSpec(Duration.ofMinutes(2), null, "#", -42), stalled,
                "call-stall");
        recording.start();
        int frames = 1000;
        long started = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            recording.append(frameOf(500), counters);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("appending never waits")
                .isLessThan(Duration.ofSeconds(2));
        MediaEvent.RecordDone done = recording.finish(RecordStop.STOPPED);
        long overruns = counters.get(Counter.RECORD_OVERRUNS);
        assertThat(overruns).isPositive();
        assertThat(done.samples() + overruns * Frames.SAMPLES).isEqualTo((long) frames * Frames.SAMPLES);
        release.countDown();
        assertThat(recording.drained().get(5, TimeUnit.SECONDS)).isEqualTo(done.samples());
    }

    @Test
    void reportsAWriteFailureAndStopsWithError() throws Exception {
        PcmOutput failing = new PcmOutput() {
            @Override
            public void write(short[] samples, int offset, int count) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void checkpoint() {
            }
        };
        Recording recording = new Recording(3, new RecordSpec(Duration.ofMinutes(2), null, "#", -42), failing,
                "call-fail");
        recording.start();
        assertThat(recording.append(frameOf(100), counters)).isNull();
        assertThatThrownBy(() -> recording.drained().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("disk full");
        assertThat(recording.append(frameOf(100), counters)).isEqualTo(RecordStop.ERROR);
    }

    private Recording start(RecordSpec spec) {
        Recording recording = new Recording(7, spec, output, "call-1");
        recording.start();
        return recording;
    }

    private int appendUntilStop(Recording recording, short[] frame, int limit) {
        for (int i = 1; i <= limit; i++) {
            if (recording.append(frame, counters) != null) {
                return i;
            }
        }
        throw new AssertionError("did not stop within " + limit + " frames");
    }

    private static short[] frameOf(int value) {
        short[] frame = new short[Frames.SAMPLES];
        Arrays.fill(frame, (short) value);
        return frame;
    }
}
