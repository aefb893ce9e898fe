package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the server while a message is being recorded: after a restart the message is there, up to about the last second. */
class CrashRecoveryIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void aMessageBeingRecordedSurvivesKillMinus9() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            double greeting = Calls.uploadGreeting(server, dir, "202");
            short[] speech = Peers.speech(dir, "speech", "This is a long message. I am calling about the contract. "
                    + "The meeting moved to Tuesday afternoon, at three. Please bring the signed copies and the budget. "
                    + "We also need the figures for the second quarter before Friday. Thank you, goodbye.");
            Peers.Sipp caller = Calls.leaver(server, dir, "202", speech, greeting, 1.0, FreePorts.udpRange(2)).start();
            long callStart = System.nanoTime();
            double speakSeconds = 6.0;
            // the caller starts speaking greeting + lead seconds after the call starts; kill 6 s into the speech
            long killAt = callStart + (long) ((greeting + Calls.AFTER_GREETING_SECONDS + speakSeconds) * 1e9);
            while (System.nanoTime() < killAt) {
                Thread.sleep(20);
            }
            server.kill9();
            caller.kill();

            server.start();
            JsonNode message = Calls.awaitMessages(server, "202", 1).get(0);
            short[] stored = Audio.readWav(server.audio("202", message.get("id").asText()));
            short[] spokenBeforeKill = Arrays.copyOf(speech, (int) (speakSeconds * Audio.RATE));
            Audio.Match match = Audio.find(Arrays.copyOf(spokenBeforeKill, (int) (4 * Audio.RATE)), stored);
            double recordedSpeech = Audio.seconds(stored) - match.offsetSeconds();
            System.out.printf("CRASH: spoken before kill %.2f s, recovered %.2f s of it (message %.2f s), match %.3f%n",
                    speakSeconds, recordedSpeech, Audio.seconds(stored), match.score());
            assertThat(message.get("state").asText()).isEqualTo("NEW");
            assertThat(match.score()).as("recovered audio is the speech").isGreaterThan(0.9);
            assertThat(recordedSpeech).as("speech recovered, seconds (killed after %.1f s)", speakSeconds)
                    .isBetween(speakSeconds - 1.5, speakSeconds + 0.5);
        }
    }
}
