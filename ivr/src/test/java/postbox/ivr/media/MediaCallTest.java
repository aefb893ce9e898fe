package postbox.ivr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import postbox.ivr.Call;
import postbox.ivr.HangupException;
import postbox.ivr.Prompt;
import postbox.ivr.Recording;
import postbox.ivr.prompt.TestPrompts;
import postbox.media.MediaEvent;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;

class MediaCallTest {

    private static final Prompt GOODBYE = Prompt.phrase("goodbye");
    private static final RecordSpec SPEC = new RecordSpec(Duration.ofSeconds(120), Duration.ofSeconds(5), "#", -42);
    private static final PcmOutput NOWHERE = new PcmOutput() {
        @Override
        public void write(short[] samples, int offset, int count) {
        }

        @Override
        public void checkpoint() {
        }
    };

    private final ScriptedLeg leg = new ScriptedLeg();
    private final MediaCall call = new MediaCall(leg, "202", TestPrompts.english());

    @Test
    void aPlayEndsAtItsOwnPlayDoneAndKeepsTheKeysThatCameMeanwhile() {
        leg.post(new MediaEvent.PlayDone(99, true)); // a playback replaced earlier
        leg.post(new MediaEvent.Dtmf('5'));
        leg.post(new MediaEvent.PlayDone(1, true));
        leg.post(new MediaEvent.Dtmf('6')); // after the play: stays queued until asked for

        assertThat(call.play(GOODBYE)).as("interrupted").isFalse();

        assertThat(leg.commands()).containsExactly("play bargeIn=true");
        assertThat(leg.events()).hasSize(1);
        assertThat(call.readKey(Duration.ZERO)).contains('5');
        assertThat(call.readKey(Duration.ZERO)).contains('6');
        assertThat(call.readKey(Duration.ZERO)).isEmpty();
    }

    @Test
    void keysTypedAheadSkipBargeInPlaysButNotWholeOnes() {
        leg.post(new MediaEvent.Dtmf('1'));
        leg.post(new MediaEvent.PlayDone(1, true));
        call.play(GOODBYE);

        assertThat(call.play(GOODBYE)).as("skipped").isFalse();
        leg.post(new MediaEvent.PlayDone(2, false));
        call.playWhole(List.of(Prompt.tone(1000, Duration.ofMillis(400))));

        assertThat(leg.commands()).containsExactly("play bargeIn=true", "play bargeIn=false");
        assertThat(call.readKey(Duration.ZERO)).contains('1');
    }

    @Test
    void storedAudioSaysHowFarIntoItThePlaybackGot() {
        Prompt.Audio message = Prompt.audio("message:1",
                () -> new java.io.ByteArrayInputStream(postbox.store.TestWavs.wav(new short[8000 * 10])))
                .from(Duration.ofSeconds(3));
        leg.post(new MediaEvent.PlayDone(1, true));

        Call.Heard heard = call.playAudio(message);

        assertThat(heard.toEnd()).isFalse();
        assertThat(heard.position()).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3500));
        assertThat(leg.commands()).containsExactly("play bargeIn=true");
        leg.post(new MediaEvent.Dtmf('6'));
        leg.post(new MediaEvent.PlayDone(2, true));
        call.play(GOODBYE);
        assertThat(call.playAudio(message)).as("a key typed ahead: nothing played")
                .isEqualTo(new Call.Heard(false, Duration.ofSeconds(3)));
        assertThat(leg.commands()).hasSize(2);
    }

    @Test
    void aPlayThatRanToItsEndSaysSo() {
        leg.post(new MediaEvent.PlayDone(1, false));

        assertThat(call.play(GOODBYE)).isTrue();
    }

    @Test
    void discardedKeysAreGone() {
        leg.post(new MediaEvent.Dtmf('1'));
        leg.post(new MediaEvent.PlayDone(1, true));
        call.play(GOODBYE);

        call.discardKeys();

        assertThat(call.readKey(Duration.ZERO)).isEmpty();
    }

    @Test
    void aHangupDuringAPlayThrowsAndEndsTheCall() {
        leg.post(new MediaEvent.Hangup());

        assertThatThrownBy(() -> call.play(GOODBYE)).isInstanceOf(HangupException.class)
                .hasMessageContaining("hung up");
        assertThatThrownBy(() -> call.readKey(Duration.ZERO)).isInstanceOf(HangupException.class);
        assertThat(leg.commands()).containsExactly("play bargeIn=true");
    }

    @Test
    void anRtpTimeoutWhileWaitingForAKeyThrows() {
        leg.post(new MediaEvent.RtpTimeout());

        assertThatThrownBy(() -> call.readKey(Duration.ofSeconds(5))).isInstanceOf(HangupException.class)
                .hasMessageContaining("RTP");
    }

    @Test
    void aRecordingReturnsOnceDrainedWithoutKeepingItsKeys() {
        leg.post(new MediaEvent.Dtmf('#'));
        leg.post(new MediaEvent.RecordDone(7, RecordStop.KEY, 1, 1)); // another recording's
        leg.post(new MediaEvent.RecordDone(1, RecordStop.KEY, 16_000, 8_000));
        leg.drained().complete(16_000L);

        Recording recording = call.record(SPEC, NOWHERE);

        assertThat(recording).isEqualTo(new Recording(RecordStop.KEY, 16_000, 8_000));
        assertThat(leg.commands()).containsExactly("record #");
        assertThat(call.readKey(Duration.ZERO)).isEmpty();
    }

    @Test
    void aHangupWhileRecordingStopsItAndReturnsTheAudioAsClosed() {
        leg.post(new MediaEvent.Hangup());
        leg.post(new MediaEvent.RecordDone(1, RecordStop.STOPPED, 12_000, 9_000));
        leg.drained().complete(12_000L);

        Recording recording = call.record(SPEC, NOWHERE);

        assertThat(recording).isEqualTo(new Recording(RecordStop.CLOSED, 12_000, 9_000));
        assertThat(leg.commands()).containsExactly("record #", "stopRecord");
        assertThatThrownBy(() -> call.play(GOODBYE)).isInstanceOf(HangupException.class);
    }

    @Test
    void aRecordingThatCouldNotBeWrittenIsAnError() {
        leg.post(new MediaEvent.RecordDone(1, RecordStop.SILENCE, 8_000, 4_000));
        leg.drained().completeExceptionally(new IOException("disk full"));

        assertThat(call.record(SPEC, NOWHERE).reason()).isEqualTo(RecordStop.ERROR);
    }

    @Test
    void hangingUpStopsTheMediaAndEndsTheCall() {
        call.hangup();

        assertThat(leg.commands()).containsExactly("stopPlay", "stopRecord");
        assertThatThrownBy(() -> call.play(GOODBYE)).isInstanceOf(HangupException.class)
                .hasMessageContaining("flow");
        assertThat(call.callerNumber()).isEqualTo("202");
    }
}
