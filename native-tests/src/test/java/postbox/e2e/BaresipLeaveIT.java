package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** baresip, a real softphone, calls a mailbox with a WAV file as its microphone and leaves a message. */
class BaresipLeaveIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    /**
     * The phone's codec, its media encryption (or "" for plain RTP), the baresip modules it needs, and the rate and
     * channels of its microphone file (baresip's file source neither resamples nor mixes).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "PCMU, '', g711.so, 8000, 1",
            "G722, '', g722.so, 16000, 1",
            "opus, '', opus.so, 48000, 2",
            "PCMU, srtp-mand, g711.so srtp.so, 8000, 1",
    })
    void baresipLeavesAMessage(String codec, String encryption, String modules, int rate, int channels)
            throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            double greeting = Calls.uploadGreeting(server, dir, "203");
            short[] speech = Peers.speech(dir, "speech", "Hi, it is Carol on the softphone. The printer is fixed.");
            // the microphone: silence through the greeting and tone, the speech, a second of silence; baresip
            // hangs up when the file ends
            int lead = (int) ((greeting + Calls.AFTER_GREETING_SECONDS) * Audio.RATE);
            short[] mic = new short[lead + speech.length + (int) Audio.RATE];
            System.arraycopy(speech, 0, mic, lead, speech.length);
            Path mic8k = dir.resolve("mic-8k.wav");
            Audio.writeWav(mic, mic8k);
            // baresip's file source does not resample: the microphone file is at the codec's rate
            Path micWav = dir.resolve("mic.wav");
            Peers.run(dir, 60, "sox", mic8k.toString(), "-r", String.valueOf(rate), "-c", String.valueOf(channels),
                    micWav.toString());

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
                    "audio_srate " + rate,
                    "audio_channels " + channels,
                    "rtp_ports " + rtpBase + "-" + (rtpBase + 19),
                    "rtp_timeout 0",
                    "net_interface 127.0.0.1",
                    "module_path /usr/lib/baresip/modules",
                    String.join("\n", java.util.Arrays.stream(modules.split(" ")).map(m -> "module " + m).toList()),
                    "module aufile.so",
                    "module aubridge.so",
                    "module_app account.so",
                    "module_app menu.so",
                    "") + "\n");
            Files.writeString(conf.resolve("accounts"), "<sip:carol@127.0.0.1:" + sipPort + ">;regint=0;audio_codecs="
                    + codec + (encryption.isEmpty() ? "" : ";mediaenc=" + encryption) + "\n");
            Process phone = new ProcessBuilder("baresip", "-f", conf.toString(), "-t", "60",
                    "-e", "/dial sip:203@127.0.0.1:" + server.sipPort)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile()).start();
            try {
                JsonNode message = Calls.awaitMessages(server, "203", 1).get(0);
                short[] stored = Audio.readWav(server.audio("203", message.get("id").asText()));
                Audio.Match match = Audio.find(speech, stored);
                System.out.printf("BARESIP %s%s: speech %.2f s, stored %.2f s, speech at %.2f s, match %.3f%n", codec,
                        encryption.isEmpty() ? "" : " " + encryption, Audio.seconds(speech), Audio.seconds(stored),
                        match.offsetSeconds(), match.score());
                assertThat(message.get("from").asText()).isEqualTo("carol");
                // G.711 round trips nearly bit-exact; the wideband codecs are lossy (and resampled to 8 kHz)
                assertThat(match.score()).as("audio match score").isGreaterThan(codec.equals("PCMU") ? 0.95 : 0.7);
                assertThat(Audio.seconds(stored) - match.offsetSeconds())
                        .as("the whole speech is in the message").isGreaterThan(Audio.seconds(speech) - 0.5);
            } finally {
                Processes.stop(phone, Duration.ofSeconds(5));
            }
        }
    }
}
