package postbox.ivr.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static postbox.ivr.media.RtpCallFixture.concat;
import static postbox.ivr.media.RtpCallFixture.pcm;
import static postbox.ivr.media.RtpCallFixture.speech;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.ivr.Prompt;
import postbox.ivr.media.RtpCallFixture;
import postbox.ivr.voicemail.VoicemailFixture.Stored;
import postbox.media.Frames;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.TestWavs;

/**
 * The flows over a real media leg and RTP peer (manual clock, 127.0.0.1) against the real file stores: what the
 * server will run, minus SIP.
 */
class VoicemailCallIT {

    @TempDir
    Path root;
    private VoicemailFixture fixture;
    private RtpCallFixture rtp;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new VoicemailFixture(root);
        rtp = RtpCallFixture.connected("202");
    }

    @AfterEach
    void close() throws Exception {
        rtp.close();
    }

    @Test
    void aCallerLeavesAMessageWithHashThenHash() throws Exception {
        Future<Void> flow = rtp.onCallThread(() -> {
            new LeaveFlow(fixture.voicemail, "201", null).run(rtp.call);
            return null;
        });
        rtp.tickUntilCommand("record"); // greeting, tone
        List<short[]> frames = speech(100); // 2 s
        rtp.speak(frames);
        rtp.press("#");
        rtp.tickUntilCommand("play"); // the options
        rtp.tick(20);
        rtp.press("#");
        rtp.tickUntilDone(flow);

        // the caller heard the system greeting and the options
        assertThat(rtp.heard(pcm(Prompt.phrase("person-at-extension")))).isTrue();
        assertThat(rtp.heard(Arrays.copyOf(pcm(Prompt.phrase("leave-options")), 10 * Frames.SAMPLES))).isTrue();
        MessageInfo message = fixture.messages.list("201").getFirst();
        assertThat(message.from()).isEqualTo("202");
        assertThat(message.state()).isEqualTo(MessageState.NEW);
        // the jitter buffer's playout delay (adaptive, 20-200 ms) of silence, then the speech bit-exact
        short[] stored = TestWavs.samples(fixture.messages.openAudio("201", message.id()));
        short[] spoken = rtp.peer.codecRoundTrip(concat(frames));
        int lead = 0;
        while (lead < stored.length && stored[lead] == 0) {
            lead++;
        }
        lead -= lead % Frames.SAMPLES;
        assertThat(lead).as("silent lead-in, samples").isBetween(Frames.SAMPLES, 10 * Frames.SAMPLES);
        assertThat(stored).hasSize(100 * Frames.SAMPLES);
        assertThat(Arrays.copyOfRange(stored, lead, stored.length))
                .containsExactly(Arrays.copyOf(spoken, stored.length - lead));
    }

    @Test
    void aCallerLogsInWithKeysTypedAheadAndHearsTheMessage() throws Exception {
        Stored left = fixture.leave("201", "203", 1);
        Future<Void> flow = rtp.onCallThread(() -> {
            new CollectFlow(fixture.voicemail, Optional.empty()).run(rtp.call);
            return null;
        });
        rtp.tickUntilCommand("play"); // "please enter your mailbox number"
        rtp.press("201#1793#2");
        short[] body = Arrays.copyOf(left.audio(), Frames.RATE / 2);
        rtp.tickUntil(() -> rtp.heard(body), "the message body");
        rtp.press("#");
        rtp.tickUntilCommand("play"); // "no more messages"
        rtp.tickUntilCommand("play"); // the main menu
        rtp.press("*7");
        rtp.tickUntilDone(flow);

        assertThat(fixture.state("201", left)).isEqualTo(MessageState.OLD);
        assertThat(rtp.heard(pcm(Prompt.phrase("goodbye")))).isTrue();
    }
}
