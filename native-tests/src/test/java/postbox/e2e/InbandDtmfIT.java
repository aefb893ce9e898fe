package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** A caller whose phone offers no telephone-event logs in with DTMF tones in the audio (Goertzel detection). */
class InbandDtmfIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void keysSentAsTonesInTheAudioLogInAndPlayTheMessage() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            double greeting = Calls.uploadGreeting(server, dir, "201");
            short[] speech = Peers.speech(dir, "speech", "A message to hear after an in-band login.");
            Peers.Sipp leaver = Calls.leaver(server, dir, "201", speech, greeting, 1.5, FreePorts.udpRange(2)).start();
            assertThat(leaver.await(90)).as(leaver.output()).isZero();
            JsonNode message = Calls.awaitMessages(server, "201", 1).get(0);

            RtpPcap keys = new RtpPcap().silence(1000).tones("201#").tones("1793#").tones("2")
                    .silence((int) message.get("durationMs").asLong() + 12_000);
            Path pcap = dir.resolve("inband.pcap");
            keys.write(pcap);
            Peers.Sipp owner = new Peers.Sipp(dir, "uac_pcap.xml", "PCAP", pcap.toString(), "FROM", "caller",
                    "PAUSE_MS", String.valueOf((long) (keys.seconds() * 1000)), "FORMATS", "0", "TELEPHONE_EVENT", "")
                    .call("*17", server.sipPort, FreePorts.udpRange(2)).start();
            assertThat(owner.await(120)).as(owner.output()).isZero();
            // logged in and heard it to its end: it is old now
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    server.messages("201").get(0).get("state").asText().equals("OLD"));
        }
    }
}
