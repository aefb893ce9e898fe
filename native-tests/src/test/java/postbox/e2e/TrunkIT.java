package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The node as a SIP trunk of a real PBX (Kamailio): registration with digest auth, calls diverted to it, MWI. */
class TrunkIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    static String pbxConfig(Kamailio primary, Kamailio backup, String password, String extra) {
        return "pbx: { primary: '" + primary.address() + "'"
                + (backup == null ? "" : ", backup: '" + backup.address() + "'")
                + ", user: vmpro, password: " + password + ", expires: 60, trusted: [127.0.0.1]" + extra + " }";
    }

    static void awaitRegisteredAt(ServerProcess server, Kamailio pbx, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode trunk = server.trunk();
            return trunk.get("registration").asText().equals("registered")
                    && trunk.get("pbx").asText().equals(pbx.address());
        });
    }

    @Test
    void theNodeRegistersAndTakesTheCallsThePbxDivertsToIt() throws Exception {
        try (Kamailio pbx = new Kamailio(dir, "pbx", "secret").start();
             ServerProcess server = new ServerProcess(dir, pbxConfig(pbx, null, "secret", "")).start()) {
            awaitRegisteredAt(server, pbx, Duration.ofSeconds(10));
            assertThat(pbx.count("REQ REGISTER")).as("one challenge, one answer").isEqualTo(2);

            // a caller dials extension 201 at the PBX; 201 does not answer; the PBX diverts to voicemail
            double greeting = Calls.uploadGreeting(server, dir, "201");
            short[] speech = Peers.speech(dir, "speech", "Hello two oh one, the parcel is at reception.");
            Peers.Sipp caller = Calls.leaver(pbx.port, dir, "201", speech, greeting, 1.5, FreePorts.udpRange(2)).start();
            assertThat(caller.await(90)).as(caller.output()).isZero();

            JsonNode message = Calls.awaitMessages(server, "201", 1).get(0);
            Audio.Match match = Audio.find(speech, Audio.readWav(server.audio("201", message.get("id").asText())));
            assertThat(match.score()).isGreaterThan(0.9);
            // the lamp: the PBX got (and authenticated) the NOTIFY for 201
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    pbx.log().contains("MWI for 201: Messages-Waiting: yes"));
            assertThat(pbx.log()).contains("Voice-Message: 1/0");

            // the owner of 201 dials *17 at the PBX from their own phone: the PBX is trusted and From is 201, so
            // only the PIN is asked; "2" plays the message to its end, which makes it old
            RtpPcap keys = new RtpPcap().silence(500).digits("1793#").digits("2")
                    .silence((int) message.get("durationMs").asLong() + 12_000);
            Path pcap = dir.resolve("owner.pcap");
            keys.write(pcap);
            Peers.Sipp owner = new Peers.Sipp(dir, "uac_pcap.xml", "PCAP", pcap.toString(), "FROM", "201",
                    "PAUSE_MS", String.valueOf((long) (keys.seconds() * 1000))).call("*17", pbx.port,
                    FreePorts.udpRange(2)).start();
            assertThat(owner.await(120)).as(owner.output()).isZero();
            assertThat(server.messages("201").get(0).get("state").asText()).isEqualTo("OLD");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    pbx.log().contains("MWI for 201: Messages-Waiting: no"));
        }
    }

    @Test
    void aWrongPasswordIsReportedAndNotRetriedInALoop() throws Exception {
        try (Kamailio pbx = new Kamailio(dir, "pbx", "secret").start();
             ServerProcess server = new ServerProcess(dir, pbxConfig(pbx, null, "not-the-password", "")).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.trunk().get("registrationFailures").asLong() >= 1);
            Thread.sleep(8000);
            JsonNode trunk = server.trunk();
            long registers = pbx.count("REQ REGISTER");
            System.out.printf("BAD PASSWORD: state %s, %d failures, %d REGISTERs at the PBX in ~%d s%n",
                    trunk.get("registration").asText(), trunk.get("registrationFailures").asLong(), registers, 9);
            assertThat(trunk.get("registration").asText()).isIn("retrying", "forbidden");
            assertThat(registers).as("REGISTERs in ~9 s (backoff, no loop)").isBetween(2L, 8L);
            assertThat(server.log()).as("the failure is in the log").containsIgnoringCase("regist");
        }
    }
}
