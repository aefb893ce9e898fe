package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp leaves a message, then dials {@code *17}, logs in with RFC 4733 digits and presses 2: what the server sends
 * (captured with tshark) holds the message body; the same capture gives the server's send intervals.
 */
class CollectMessageIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    @Test
    void aCallerLogsInAndHearsTheMessage() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).start()) {
            double greeting = Calls.uploadGreeting(server, dir, "201");
            short[] speech = Peers.speech(dir, "speech", "This is Bob. The delivery arrives on Thursday at ten.");
            Peers.Sipp leaver = Calls.leaver(server, dir, "201", speech, greeting, 1.5, FreePorts.udpRange(2)).start();
            assertThat(leaver.await(90)).as(leaver.output()).isZero();
            JsonNode message = Calls.awaitMessages(server, "201", 1).get(0);
            short[] body = Audio.readWav(server.audio("201", message.get("id").asText()));

            // mailbox 201 #, PIN 1793 #, 2 = get messages; typed ahead, so no need to wait for each prompt
            RtpPcap keys = new RtpPcap().silence(1000).digits("201#").digits("1793#").digits("2")
                    .silence((int) (Audio.seconds(body) * 1000) + 14_000);
            Path pcap = dir.resolve("collect.pcap");
            keys.write(pcap);
            int mediaPort = FreePorts.udpRange(2);
            List<RtpPcap.Packet> sent;
            try (Peers.Capture capture = new Peers.Capture(dir, "udp and dst port " + mediaPort)) {
                Peers.Sipp collector = new Peers.Sipp(dir, "uac_pcap.xml", "PCAP", pcap.toString(), "FROM", "caller",
                        "PAUSE_MS", String.valueOf((long) (keys.seconds() * 1000)))
                        .call("*17", server.sipPort, mediaPort).start();
                assertThat(collector.await(120)).as(collector.output()).isZero();
                sent = capture.stop();
            }
            sent = sent.stream().filter(p -> p.dstPort() == mediaPort && p.payload().length > 12)
                    .sorted(Comparator.comparingLong(RtpPcap.Packet::timeMicros)).toList();
            assertThat(sent).as("RTP the server sent to the caller").hasSizeGreaterThan(500);

            ByteArrayOutputStream ulaw = new ByteArrayOutputStream();
            sent.stream().filter(p -> p.rtpPayloadType() == 0)
                    .sorted(Comparator.comparingInt(RtpPcap.Packet::rtpSequence))
                    .forEach(p -> ulaw.writeBytes(p.rtpPayload()));
            short[] heard = Audio.fromUlaw(ulaw.toByteArray());
            Audio.writeWav(heard, dir.resolve("heard.wav"));
            Audio.Match match = Audio.find(body, heard);
            System.out.printf("COLLECT: heard %.2f s, message body (%.2f s) found at %.2f s, match %.3f%n",
                    Audio.seconds(heard), Audio.seconds(body), match.offsetSeconds(), match.score());
            assertThat(match.score()).as("the message body is in what the caller heard").isGreaterThan(0.9);
            assertThat(match.offsetSeconds()).as("the body follows the login, the count and the header").isGreaterThan(3);

            double[] deviationsMs = intervalDeviations(sent);
            double p50 = percentile(deviationsMs, 50), p99 = percentile(deviationsMs, 99), max = percentile(deviationsMs, 100);
            System.out.printf("PACING: %d intervals, |interval - 20 ms| p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    deviationsMs.length, p50, p99, max);
            assertThat(p99).as("p99 deviation of the send interval from 20 ms").isLessThanOrEqualTo(2.0);
            Files.writeString(dir.resolve("pacing.txt"), "p50=" + p50 + " p99=" + p99 + " max=" + max + "\n");
        }
    }

    private static double[] intervalDeviations(List<RtpPcap.Packet> packets) {
        double[] deviations = new double[packets.size() - 1];
        for (int i = 1; i < packets.size(); i++) {
            double interval = (packets.get(i).timeMicros() - packets.get(i - 1).timeMicros()) / 1000.0;
            deviations[i - 1] = Math.abs(interval - 20.0);
        }
        return deviations;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
