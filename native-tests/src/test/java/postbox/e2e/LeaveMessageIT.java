package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** SIPp leaves a spoken message on the packaged server; the stored message is that speech. */
class LeaveMessageIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void aCallerLeavesAMessageThatMatchesWhatWasSent() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            double greeting = Calls.uploadGreeting(server, dir, "201");
            short[] speech = Peers.speech(dir, "speech", "Hello, this is Alice from accounts. "
                    + "Please call me back about the invoice for March. My number is five five five, one two three four.");
            Peers.Sipp caller = Calls.leaver(server, dir, "201", speech, greeting, 1.5, FreePorts.udpRange(2)).start();
            assertThat(caller.await(90)).as(caller.output()).isZero();

            JsonNode message = Calls.awaitMessages(server, "201", 1).get(0);
            assertThat(message.get("state").asText()).isEqualTo("NEW");
            assertThat(message.get("from").asText()).isEqualTo("300");
            short[] stored = Audio.readWav(server.audio("201", message.get("id").asText()));

            Audio.Match match = Audio.find(speech, stored);
            double storedSeconds = Audio.seconds(stored);
            double speechSeconds = Audio.seconds(speech);
            // what should be there: the pause between the tone and the speech, the speech, a short tail (trailing
            // silence is trimmed)
            double expected = match.offsetSeconds() + speechSeconds;
            double error = storedSeconds - expected;
            System.out.printf("LEAVE: speech %.2f s, stored %.2f s (api %d ms), speech at %.2f s, match %.3f,"
                    + " duration error %+.3f s%n", speechSeconds, storedSeconds, message.get("durationMs").asLong(),
                    match.offsetSeconds(), match.score(), error);
            assertThat(match.score()).as("audio match score").isGreaterThan(0.9);
            assertThat(match.offsetSeconds()).as("silence before the speech").isBetween(0.5, 2.5);
            assertThat(error).as("stored minus expected duration, s").isBetween(-0.3, 0.6);
            assertThat(message.get("durationMs").asLong()).isEqualTo(Math.round(storedSeconds * 1000));

            // exported as MP3 and Opus by bin/postbox, decoded by other programs (sox, opusdec): still the speech
            String id = message.get("id").asText();
            for (String format : new String[] {"mp3", "opus"}) {
                Path file = dir.resolve("exported." + format);
                Path decoded = dir.resolve("decoded-" + format + ".wav");
                Peers.run(dir, 60, ServerProcess.HOME.resolve("bin/postbox").toString(), "message", "export", "201",
                        id, file.toString(), "--http", "127.0.0.1:" + server.httpPort, "--data", server.data.toString());
                if (format.equals("mp3")) {
                    Peers.run(dir, 60, "sox", file.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e",
                            "signed-integer", decoded.toString());
                } else {
                    Peers.run(dir, 60, "opusdec", "--quiet", "--rate", "8000", file.toString(), decoded.toString());
                }
                Audio.Match exported = Audio.find(speech, Audio.readWav(decoded));
                System.out.printf("EXPORT %s: %d bytes (WAV %d), match %.3f at %.2f s%n", format, Files.size(file),
                        server.audio("201", id).length, exported.score(), exported.offsetSeconds());
                assertThat(exported.score()).as(format + " match score").isGreaterThan(0.8);
                // the same place in the message, give or take the codec's delay (MP3 at 8 kHz: about 0.14 s)
                assertThat(exported.offsetSeconds()).isCloseTo(match.offsetSeconds(), within(0.25));
            }
        }
    }

    @Test
    void zeroDuringTheGreetingTransfersTheCallerToTheMailboxsReception() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            Calls.uploadGreeting(server, dir, "202");
            assertThat(server.request("PUT", "/api/mailboxes/202/preferences",
                    "{\"reception\":\"200\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            Path pcap = dir.resolve("zero.pcap");
            new RtpPcap().silence(500).digits("0").silence(8000).write(pcap);

            // SIPp takes the REFER only if its Refer-To names 200, says the target answered, and answers the BYE
            Peers.Sipp caller = new Peers.Sipp(dir, "uac_transfer.xml", "PCAP", pcap.toString(), "FROM", "300",
                    "TARGET", "200").call("202", server.sipPort, FreePorts.udpRange(2)).start();
            assertThat(caller.await(60)).as(caller.output()).isZero();

            assertThat(server.messages("202")).as("no message left").isEmpty();
            assertThat(server.log()).contains("transfer to 200 done");
        }
    }

    @Test
    void aCallerWithADelayedOfferLeavesAMessageToo() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            double greeting = Calls.uploadGreeting(server, dir, "202");
            short[] speech = Peers.speech(dir, "speech", "This phone sends its offer late, in the acknowledgement.");
            Peers.Sipp caller = Calls.leaver("uac_pcap_delayed.xml", server.sipPort, dir, "202", speech, greeting,
                    1.5, FreePorts.udpRange(2)).start();
            assertThat(caller.await(90)).as(caller.output()).isZero();

            JsonNode message = Calls.awaitMessages(server, "202", 1).get(0);
            Audio.Match match = Audio.find(speech, Audio.readWav(server.audio("202", message.get("id").asText())));
            System.out.printf("DELAYED OFFER: speech %.2f s, match %.3f at %.2f s%n", Audio.seconds(speech),
                    match.score(), match.offsetSeconds());
            assertThat(match.score()).isGreaterThan(0.9);
        }
    }

    @Test
    void theMaximumLengthIsTheMailboxsOwnElseTheCallFlowSettingAnAdminSet() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            assertThat(server.request("PUT", "/api/settings/call-flow",
                    "{\"maxMessageSeconds\":6}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            assertThat(server.request("PUT", "/api/mailboxes/201/preferences",
                    "{\"maxMessageSeconds\":3}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            double greeting = Math.max(Calls.uploadGreeting(server, dir, "201"), Calls.uploadGreeting(server, dir, "202"));
            short[] speech = Peers.speech(dir, "long-speech", "This message goes on for longer than either mailbox"
                    + " takes. One, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve.");
            // both callers are cut off by the server, which then says goodbye and hangs up on them (SIPp's exit code
            // says so: it expected to send the BYE itself)
            Peers.Sipp to201 = Calls.leaver(server, dir, "201", speech, greeting, 0, FreePorts.udpRange(2)).start();
            Peers.Sipp to202 = Calls.leaver(server, dir, "202", speech, greeting, 0, FreePorts.udpRange(2)).start();
            to201.await(90);
            to202.await(90);

            long ms201 = Calls.awaitMessages(server, "201", 1).get(0).get("durationMs").asLong();
            long ms202 = Calls.awaitMessages(server, "202", 1).get(0).get("durationMs").asLong();
            System.out.printf("MAX LENGTH: speech %.2f s; stored %d ms (mailbox max 3 s), %d ms (call-flow max 6 s)%n",
                    Audio.seconds(speech), ms201, ms202);
            assertThat(Audio.seconds(speech)).isGreaterThan(8);
            assertThat(ms201).isBetween(2_000L, 3_000L);
            assertThat(ms202).isBetween(5_000L, 6_000L);
        }
    }
}
