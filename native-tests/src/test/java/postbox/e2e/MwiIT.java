package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Message waiting indication (RFC 3842) to a SIPp stand-in PBX, and to a phone that SUBSCRIBEs. */
class MwiIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void thePbxIsToldWhenAMessageArrivesAndWhenItHasBeenHeard() throws Exception {
        int pbxPort = FreePorts.udpAndTcp();
        Peers.Sipp pbx = new Peers.Sipp(dir, "pbx_uas.xml").serve(pbxPort).with("-set", "pass", "secret").start();
        try (ServerProcess server = new ServerProcess(dir, "pbx: { primary: '127.0.0.1:" + pbxPort
                + "', user: vmpro, password: secret, trusted: [127.0.0.1] }").start()) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    server.trunk().get("registration").asText().equals("registered"));

            double greeting = Calls.uploadGreeting(server, dir, "201");
            short[] speech = Peers.speech(dir, "speech", "Lamp test message.");
            Peers.Sipp leaver = Calls.leaver(server, dir, "201", speech, greeting, 1.5, FreePorts.udpRange(2)).start();
            assertThat(leaver.await(90)).as(leaver.output()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> pbx.messages().stream()
                    .anyMatch(line -> line.contains("MWI 201 yes 1/0")));

            // the owner listens to it: heard to its end, it is old and the lamp goes off
            JsonNode message = Calls.awaitMessages(server, "201", 1).get(0);
            double body = message.get("durationMs").asLong() / 1000.0;
            RtpPcap keys = new RtpPcap().silence(500).digits("201#").digits("1793#").digits("2")
                    .silence((int) (body * 1000) + 12_000);
            Path pcap = dir.resolve("collect.pcap");
            keys.write(pcap);
            Peers.Sipp owner = new Peers.Sipp(dir, "uac_pcap.xml", "PCAP", pcap.toString(), "FROM", "caller",
                    "PAUSE_MS", String.valueOf((long) (keys.seconds() * 1000))).call("*17", server.sipPort,
                    FreePorts.udpRange(2)).start();
            assertThat(owner.await(120)).as(owner.output()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> pbx.messages().stream()
                    .anyMatch(line -> line.contains("MWI 201 no 0/1")));

            List<String> lamps = pbx.messages().stream().filter(line -> line.startsWith("MWI 201")).toList();
            System.out.println("MWI at the PBX: " + lamps);
            assertThat(lamps).allMatch(line -> line.endsWith("auth=true"), "every NOTIFY answered the 407 challenge");
            assertThat(lamps.indexOf(lamps.stream().filter(l -> l.contains("yes 1/0")).findFirst().orElseThrow()))
                    .isLessThan(lamps.indexOf(lamps.stream().filter(l -> l.contains("no 0/1")).findFirst().orElseThrow()));
        } finally {
            pbx.kill();
        }
    }

    @Test
    void aPhoneThatSubscribesGetsNotifiedUntilItUnsubscribes() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            Peers.Sipp phone = new Peers.Sipp(dir, "uac_subscribe.xml").call("202", server.sipPort, FreePorts.udpRange(2))
                    .traceLogs().start();
            await().atMost(Duration.ofSeconds(10)).until(() -> phone.messages().stream()
                    .anyMatch(line -> line.startsWith("NOTIFY first")));
            double greeting = Calls.uploadGreeting(server, dir, "202");
            short[] speech = Peers.speech(dir, "speech", "A message for the subscribed phone.");
            Peers.Sipp leaver = Calls.leaver(server, dir, "202", speech, greeting, 1.5, FreePorts.udpRange(2)).start();
            assertThat(leaver.await(90)).as(leaver.output()).isZero();
            assertThat(phone.await(60)).as("SUBSCRIBE, NOTIFY no, NOTIFY 1/0, unsubscribe, NOTIFY terminated:\n"
                    + phone.output()).isZero();
        }
    }
}
