package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static postbox.media.rtp.LegFixture.SILENCE;
import static postbox.media.rtp.LegFixture.concat;
import static postbox.media.rtp.LegFixture.join;
import static postbox.media.rtp.LegFixture.voicedFrames;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import postbox.media.Frames;
import postbox.media.MediaEvent;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import postbox.media.testing.PcmCollector;

/**
 * A leg records what a real peer sends, through the jitter buffer (60 ms = 3 frames of pre-roll silence), and
 * stops on its own conditions.
 */
class RecordingIT {
    private static final short[] PRE_ROLL = new short[3 * Frames.SAMPLES];
    private LegFixture fixture;
    private final PcmCollector output = new PcmCollector();

    @BeforeEach
    void connect() throws Exception {
        fixture = LegFixture.connected();
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void recordsThePeerBitExactAndStopsOnTheTerminatorWithoutReportingIt() throws Exception {
        Recorder recorder = fixture.leg.record(spec(Duration.ofMinutes(2), Duration.ofSeconds(5)), output);
        List<short[]> frames = voicedFrames(0, 25);
        fixture.sendEachTick(frames);
        fixture.peer.sendDigit('#');
        fixture.clock.advance(1);

        assertThat(fixture.takeEvents()).containsExactly(
                new MediaEvent.RecordDone(recorder.id(), RecordStop.KEY, 25 * 160, 25 * 160));
        assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo(25L * 160);
        short[] expected = join(PRE_ROLL, fixture.peer.codecRoundTrip(concat(frames.subList(0, 22))));
        assertThat(output.samples()).containsExactly(expected);
    }

    @Test
    void aClockThatReBasedAfterAStallStillRecordsWhatThePeerSentMeanwhile() throws Exception {
        Recorder recorder = fixture.leg.record(spec(Duration.ofMinutes(2), Duration.ofSeconds(5)), output);
        List<short[]> frames = voicedFrames(0, 30);
        fixture.sendEachTick(frames.subList(0, 5));
        for (short[] frame : frames.subList(5, 20)) {
            fixture.peer.sendFrame(frame);            // the peer goes on while the clock stalls
        }
        fixture.clock.skip(14);                       // and re-bases: 14 ticks never run
        fixture.sendEachTick(frames.subList(20, 30));
        fixture.peer.sendDigit('#');
        fixture.clock.advance(1);

        assertThat(fixture.takeEvents()).containsExactly(
                new MediaEvent.RecordDone(recorder.id(), RecordStop.KEY, 29 * 160, 29 * 160));   // 5 + 14 + 10 ticks
        recorder.drained().get(10, TimeUnit.SECONDS);
        short[] expected = join(PRE_ROLL, fixture.peer.codecRoundTrip(concat(frames.subList(0, 26))));
        assertThat(output.samples()).containsExactly(expected);
    }

    @Test
    void reportsOtherKeysAndKeepsRecording() throws Exception {
        fixture.leg.record(spec(Duration.ofMinutes(2), null), output);
        fixture.sendEachTick(voicedFrames(0, 5));
        fixture.peer.sendDigit('3');
        fixture.clock.advance(1);
        assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.Dtmf('3'));
    }

    @Test
    void stopsAfterTheSilenceTimeoutAndCountsTheVoicedPart() throws Exception {
        Recorder recorder = fixture.leg.record(spec(Duration.ofMinutes(2), Duration.ofSeconds(1)), output);
        fixture.sendEachTick(voicedFrames(0, 10));
        int ticks = 0;
        List<MediaEvent> events = List.of();
        while (events.isEmpty() && ticks < 200) {
            fixture.sendEachTick(List.of(SILENCE));
            ticks++;
            events = fixture.takeEvents();
        }
        int frames = 3 + 10 + 50;
        assertThat(events).containsExactly(
                new MediaEvent.RecordDone(recorder.id(), RecordStop.SILENCE, frames * 160, 13 * 160));
        assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo(frames * 160L);
    }

    @Test
    void stopsForSilenceWhenThePeerSendsNothingAtAll() throws Exception {
        Recorder recorder = fixture.leg.record(spec(Duration.ofMinutes(2), Duration.ofSeconds(2)), output);
        fixture.clock.advance(99);
        assertThat(fixture.takeEvents()).isEmpty();
        fixture.clock.advance(1);
        assertThat(fixture.takeEvents()).containsExactly(
                new MediaEvent.RecordDone(recorder.id(), RecordStop.SILENCE, 100 * 160, 0));
        assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo(100L * 160);
    }

    @Test
    void stopsAtTheMaximumLength() throws Exception {
        Recorder recorder = fixture.leg.record(spec(Duration.ofSeconds(1), null), output);
        fixture.sendEachTick(voicedFrames(0, 49));
        assertThat(fixture.takeEvents()).isEmpty();
        fixture.sendEachTick(voicedFrames(49, 1));
        assertThat(fixture.takeEvents()).containsExactly(
                new MediaEvent.RecordDone(recorder.id(), RecordStop.MAX_LENGTH, 8000, 8000));
        assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo(8000L);
        assertThat(output.samples()).hasSize(8000);
    }

    @Test
    void closingKeepsTheAudioAndFlushesTheJitterBuffer() throws Exception {
        Recorder recorder = fixture.leg.record(spec(Duration.ofMinutes(2), Duration.ofSeconds(5)), output);
        List<short[]> frames = voicedFrames(0, 150);
        fixture.sendEachTick(frames);
        fixture.leg.close();
        fixture.clock.advance(1);

        int samples = (3 + 150) * 160;
        assertThat(fixture.takeEvents()).containsExactly(
                new MediaEvent.RecordDone(recorder.id(), RecordStop.CLOSED, samples, samples));
        assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo((long) samples);
        assertThat(output.samples()).containsExactly(join(PRE_ROLL, fixture.peer.codecRoundTrip(concat(frames))));
        assertThat(output.checkpoints()).as("about once a second, and at the end").hasSizeBetween(3, 5);
        assertThat(output.checkpoints().getLast()).isEqualTo(samples);
        assertThat(fixture.engine.stats().activeLegs()).isZero();
    }

    @Test
    void stopRecordAndANewRecordingEndTheRunningOne() throws Exception {
        Recorder first = fixture.leg.record(spec(Duration.ofMinutes(2), null), output);
        fixture.clock.advance(2);
        Recorder second = fixture.leg.record(spec(Duration.ofMinutes(2), null), new PcmCollector());
        fixture.clock.advance(3);
        fixture.leg.stopRecord();
        fixture.leg.stopRecord();
        fixture.clock.advance(1);

        assertThat(fixture.takeEvents()).containsExactly(
                new MediaEvent.RecordDone(first.id(), RecordStop.STOPPED, 2 * 160, 0),
                new MediaEvent.RecordDone(second.id(), RecordStop.STOPPED, 3 * 160, 0));
        assertThat(first.drained().get(10, TimeUnit.SECONDS)).isEqualTo(2L * 160);
        assertThat(second.drained().get(10, TimeUnit.SECONDS)).isEqualTo(3L * 160);
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    private static RecordSpec spec(Duration maxLength, Duration silenceTimeout) {
        return new RecordSpec(maxLength, silenceTimeout, "#", RecordSpec.DEFAULT_THRESHOLD_DBFS);
    }
}
