package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** baresip, a real softphone, calls a mailbox with a WAV file as its microphone and leaves a message. */
class BaresipLeaveIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void baresipLeavesAMessage() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            double greeting = Calls.uploadGreeting(server, dir, "203");
            short[] speech = Peers.speech(dir, "speech", "Hi, it is Carol on the softphone. The printer is fixed.");
            // the microphone: silence through the greeting and tone, the speech, a second of silence; baresip
            // hangs up when the file ends
            int lead = (int) ((greeting + Calls.AFTER_GREETING_SECONDS) * Audio.RATE);
            short[] mic = new short[lead + speech.length + (int) Audio.RATE];
            System.arraycopy(speech, 0, mic, lead, speech.length);
            Path micWav = dir.resolve("mic.wav");
            Audio.writeWav(mic, micWav);

            Path conf = Files.createDirectories(dir.resolve("baresip"));
            int sipPort = FreePorts.udpAndTcp();
            int rtpBase = FreePorts.udpRange(20);
            Files.writeString(conf.resolve("config"), String.join("\n",
                    "poll_method epoll",
                    "sip_listen 127.0.0.1:" + sipPort,
                    "sip_trans_def udp",
                    "call_local_timeout 120",
                    "audio_player aubridge,nil",
                    "audio_source aufile," + micWav,
                    "audio_alert aubridge,nil",
                    "audio_srate 8000",
                    "audio_channels 1",
                    "rtp_ports " + rtpBase + "-" + (rtpBase + 19),
                    "rtp_timeout 0",
                    "net_interface 127.0.0.1",
                    "module_path /usr/lib/baresip/modules",
                    "module g711.so",
                    "module aufile.so",
                    "module aubridge.so",
                    "module_app account.so",
                    "module_app menu.so",
                    "") + "\n");
            Files.writeString(conf.resolve("accounts"),
                    "<sip:carol@127.0.0.1:" + sipPort + ">;regint=0;audio_codecs=PCMU\n");
            Process phone = new ProcessBuilder("baresip", "-f", conf.toString(), "-t", "60",
                    "-e", "/dial sip:203@127.0.0.1:" + server.sipPort)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile()).start();
            try {
                JsonNode message = Calls.awaitMessages(server, "203", 1).get(0);
                short[] stored = Audio.readWav(server.audio("203", message.get("id").asText()));
                Audio.Match match = Audio.find(speech, stored);
                System.out.printf("BARESIP: speech %.2f s, stored %.2f s, speech at %.2f s, match %.3f%n",
                        Audio.seconds(speech), Audio.seconds(stored), match.offsetSeconds(), match.score());
                assertThat(message.get("from").asText()).isEqualTo("carol");
                assertThat(match.score()).as("audio match score").isGreaterThan(0.85);
                assertThat(Audio.seconds(stored) - match.offsetSeconds())
                        .as("the whole speech is in the message").isGreaterThan(Audio.seconds(speech) - 0.5);
            } finally {
                phone.destroy();
                phone.waitFor(5, TimeUnit.SECONDS);
                phone.destroyForcibly();
            }
        }
    }
}
