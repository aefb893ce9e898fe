package postbox.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Calls the native tests make again and again, against a {@link ServerProcess}. */
final class Calls {

    /** Lead silence after the greeting before the caller speaks (covers the tone). */
    static final double AFTER_GREETING_SECONDS = 2.0;

    private Calls() {
    }

    /** A short known greeting for {@code mailbox}, uploaded through the admin API; returns its length in seconds. */
    static double uploadGreeting(ServerProcess server, Path dir, String mailbox) throws Exception {
        short[] greeting = Peers.speech(dir, "greeting-" + mailbox, "Please leave a message.");
        Path wav = dir.resolve("greeting-" + mailbox + ".wav");
        var response = server.request("PUT", "/api/mailboxes/" + mailbox + "/greetings/default", Files.readAllBytes(wav));
        if (response.statusCode() != 204) {
            throw new IllegalStateException("greeting upload → " + response.statusCode() + " " + new String(response.body()));
        }
        return Audio.seconds(greeting);
    }

    /**
     * A SIPp caller who waits for the greeting, says {@code speech}, stays silent {@code trailingSeconds}, and
     * hangs up.
     */
    static Peers.Sipp leaver(ServerProcess server, Path dir, String mailbox, short[] speech, double greetingSeconds,
                             double trailingSeconds, int mediaPort) throws IOException {
        return leaver(server.sipPort, dir, mailbox, speech, greetingSeconds, trailingSeconds, mediaPort);
    }

    /** {@link #leaver(ServerProcess, Path, String, short[], double, double, int)} calling whatever listens on sipPort (a PBX). */
    static Peers.Sipp leaver(int sipPort, Path dir, String mailbox, short[] speech, double greetingSeconds,
                             double trailingSeconds, int mediaPort) throws IOException {
        return leaver("uac_pcap.xml", sipPort, dir, mailbox, speech, greetingSeconds, trailingSeconds, mediaPort);
    }

    /** {@link #leaver(int, Path, String, short[], double, double, int)} with another SIPp scenario of the same shape. */
    static Peers.Sipp leaver(String scenario, int sipPort, Path dir, String mailbox, short[] speech,
                             double greetingSeconds, double trailingSeconds, int mediaPort) throws IOException {
        RtpPcap pcap = new RtpPcap()
                .silence((int) ((greetingSeconds + AFTER_GREETING_SECONDS) * 1000))
                .audio(Audio.toUlaw(speech))
                .silence((int) (trailingSeconds * 1000));
        Path file = Files.createTempFile(dir, "leave-", ".pcap");
        pcap.write(file);
        return new Peers.Sipp(dir, scenario, "PCAP", file.toString(), "FROM", "300",
                "PAUSE_MS", String.valueOf((long) (pcap.seconds() * 1000) + 200))
                .call(mailbox, sipPort, mediaPort);
    }

    /**
     * Calls {@code user} through whatever listens on {@code sipPort} (a PBX), starting a new short call every 250 ms
     * until one is answered; returns the seconds from {@code sinceNanos} to the start of the first answered call.
     * Calls run side by side, so one stuck on a dead branch does not hide a later one that gets through.
     */
    static double firstAnsweredCall(Path dir, int sipPort, String user, long sinceNanos) throws Exception {
        Path pcap = dir.resolve("short.pcap");
        new RtpPcap().silence(600).write(pcap);
        java.util.List<long[]> starts = new java.util.ArrayList<>();
        java.util.List<Peers.Sipp> calls = new java.util.ArrayList<>();
        try {
            for (int attempt = 0; attempt < 60; attempt++) {
                starts.add(new long[] {System.nanoTime()});
                calls.add(new Peers.Sipp(dir, "uac_pcap.xml", "PCAP", pcap.toString(), "FROM", "300", "PAUSE_MS", "700")
                        .call(user, sipPort, FreePorts.udpRange(2)).start());
                Thread.sleep(250);
                for (int i = 0; i < calls.size(); i++) {
                    Integer exit = calls.get(i).exitValue();
                    if (exit != null && exit == 0) {
                        return (starts.get(i)[0] - sinceNanos) / 1e9;
                    }
                }
            }
            throw new AssertionError("no call through 127.0.0.1:" + sipPort + " was answered in 15 s");
        } finally {
            calls.forEach(Peers.Sipp::kill);
        }
    }

    /** Waits until {@code mailbox} holds {@code count} messages and returns the list. */
    static JsonNode awaitMessages(ServerProcess server, String mailbox, int count) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = server.messages(mailbox);
            return last[0].size() >= count;
        });
        return last[0];
    }
}
