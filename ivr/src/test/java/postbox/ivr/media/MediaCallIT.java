package postbox.ivr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static postbox.ivr.media.RtpCallFixture.WAIT;
import static postbox.ivr.media.RtpCallFixture.concat;
import static postbox.ivr.media.RtpCallFixture.pcm;
import static postbox.ivr.media.RtpCallFixture.result;
import static postbox.ivr.media.RtpCallFixture.speech;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.ivr.HangupException;
import postbox.ivr.Prompt;
import postbox.ivr.Recording;
import postbox.ivr.voicemail.DepositOutput;
import postbox.media.Frames;
import postbox.media.MediaConfig;
import postbox.media.MediaEvent;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.testing.RtpPeer;
import postbox.store.Deposit;
import postbox.store.DepositInfo;
import postbox.store.MessageInfo;
import postbox.store.SettableClock;
import postbox.store.TestWavs;
import postbox.store.file.FileMessageStore;

/** {@link MediaCall} on a real leg (manual clock, RTP on 127.0.0.1) with media's {@link RtpPeer} as the caller. */
class MediaCallIT {

    private static final RecordSpec SPEC = new RecordSpec(Duration.ofSeconds(120), Duration.ofSeconds(5), "#",
            RecordSpec.DEFAULT_THRESHOLD_DBFS);
    private static final Instant NOW = Instant.parse("2025-03-14T14:15:00Z");

    @TempDir
    Path root;
    private RtpCallFixture rtp;

    @AfterEach
    void close() throws Exception {
        if (rtp != null) {
            rtp.close();
        }
    }

    @Test
    void aKeyFromThePeerStopsThePromptAndIsTypedAhead() throws Exception {
        rtp = RtpCallFixture.connected("202");
        MediaCall call = rtp.call;
        Future<Optional<Character>> key = rtp.onCallThread(() -> {
            call.play(Prompt.phrase("main-menu"));
            return call.readKey(Duration.ZERO);
        });
        assertThat(rtp.leg.nextCommand(WAIT)).isEqualTo("play");
        rtp.clock.advance(50); // 1 s of the 4 s prompt
        rtp.peer.sendDigit('5');
        rtp.clock.advance(1);

        assertThat(result(key)).contains('5');
        int sent = rtp.peer.awaitPackets(51, WAIT).size();
        rtp.clock.advance(10);
        List<RtpPeer.Packet> packets = rtp.peer.awaitPackets(sent + 10, WAIT);
        // the first second of the prompt went out bit-exact after the G.711 round trip, then it stopped
        assertThat(rtp.heard(Arrays.copyOf(pcm(Prompt.phrase("main-menu")), 49 * Frames.SAMPLES))).isTrue();
        assertThat(packets.subList(packets.size() - 10, packets.size()))
                .allSatisfy(packet -> assertThat(packet.audio()).containsOnly((short) 0));
    }

    @Test
    void aRecordingOfThePeerLandsInTheDepositBitExact() throws Exception {
        rtp = RtpCallFixture.connected("202");
        FileMessageStore store = FileMessageStore.open(root, new SettableClock(NOW));
        Deposit deposit = store.begin(new DepositInfo("201", "202", NOW));
        Future<Recording> recording = rtp.onCallThread(() -> rtp.call.record(SPEC, new DepositOutput(deposit)));
        assertThat(rtp.leg.nextCommand(WAIT)).isEqualTo("record");
        rtp.clock.advance(1); // the recording starts on this tick; the peer has not spoken yet
        List<short[]> frames = speech(150); // 3 s
        rtp.speak(frames);
        rtp.press("#");

        Recording take = result(recording);
        assertThat(take.reason()).isEqualTo(RecordStop.KEY);
        assertThat(take.samples()).isEqualTo(deposit.samples()).isEqualTo(151L * Frames.SAMPLES);
        MessageInfo message = deposit.commit(take.samples());
        short[] stored = TestWavs.samples(store.openAudio("201", message.id()));
        // a frame per tick: one of silence before the peer spoke, then its speech 60 ms (3 frames) late behind
        // the jitter buffer; the terminator's tick adds none
        short[] expected = new short[stored.length];
        short[] spoken = rtp.peer.codecRoundTrip(concat(frames));
        System.arraycopy(spoken, 0, expected, 4 * Frames.SAMPLES, expected.length - 4 * Frames.SAMPLES);
        assertThat(stored).containsExactly(expected);
        assertThat(rtp.call.readKey(Duration.ZERO)).isEmpty(); // the terminator is not type-ahead
    }

    @Test
    void aHangupWhileRecordingKeepsTheAudioAndEndsTheCall() throws Exception {
        rtp = RtpCallFixture.connected("202");
        Collected output = new Collected();
        Future<Recording> recording = rtp.onCallThread(() -> rtp.call.record(SPEC, output));
        assertThat(rtp.leg.nextCommand(WAIT)).isEqualTo("record");
        rtp.clock.advance(1);
        rtp.speak(speech(50));
        rtp.leg.post(new MediaEvent.Hangup());
        assertThat(rtp.leg.nextCommand(WAIT)).isEqualTo("stopRecord");
        rtp.clock.advance(1);

        Recording take = result(recording);
        assertThat(take.reason()).isEqualTo(RecordStop.CLOSED);
        assertThat(take.samples()).isEqualTo(output.samples).isEqualTo(51L * Frames.SAMPLES);
        assertThat(take.voicedSamples()).isEqualTo(51L * Frames.SAMPLES);
        assertThatThrownBy(() -> result(rtp.onCallThread(() -> {
            rtp.call.play(Prompt.phrase("goodbye"));
            return null;
        }))).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(HangupException.class);
    }

    @Test
    void aHangupWhileWaitingForAKeyThrows() throws Exception {
        rtp = RtpCallFixture.connected("202");
        Future<Optional<Character>> key = rtp.onCallThread(() -> rtp.call.readKey(Duration.ofSeconds(30)));
        rtp.leg.post(new MediaEvent.Hangup());

        assertThatThrownBy(() -> result(key)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HangupException.class);
    }

    @Test
    void silenceFromThePeerEndsTheCallAsAnRtpTimeout() throws Exception {
        rtp = RtpCallFixture.connected(MediaConfig.defaults(InetAddress.getLoopbackAddress()).withClocks(1)
                .withRtpTimeout(Duration.ofMillis(400)), "202");
        Future<Void> played = rtp.onCallThread(() -> {
            rtp.call.play(Prompt.phrase("main-menu"));
            return null;
        });
        assertThat(rtp.leg.nextCommand(WAIT)).isEqualTo("play");
        rtp.clock.advance(25); // 500 ms without a packet from the peer

        assertThatThrownBy(() -> result(played)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(HangupException.class).hasMessageContaining("RTP");
    }

    /** Counts what a recorder writes. Written on the recorder's thread, read after it drained. */
    private static final class Collected implements PcmOutput {
        volatile long samples;

        @Override
        public void write(short[] audio, int offset, int count) {
            samples += count;
        }

        @Override
        public void checkpoint() {
        }
    }
}
