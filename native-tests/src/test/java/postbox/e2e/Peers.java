package postbox.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real peers the native tests drive: SIPp, tshark, espeak-ng + sox. bin/test installs them. */
final class Peers {

    private Peers() {
    }

    /** Runs a command to completion (bounded), returning its combined output; fails on a non-zero exit. */
    static String run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        String out = output.join();
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    /** Speech from espeak-ng as 8 kHz mono 16-bit samples. */
    static short[] speech(Path dir, String name, String text) throws IOException, InterruptedException {
        Path raw = dir.resolve(name + "-22k.wav");
        Path wav = dir.resolve(name + ".wav");
        run(dir, 60, "espeak-ng", "-v", "en-us", "-s", "150", "-w", raw.toString(), text);
        run(dir, 60, "sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", wav.toString());
        return Audio.readWav(wav);
    }

    /** A SIPp UAC call from a scenario template in the test resources, with @KEY@ placeholders filled in. */
    static final class Sipp {
        private final Path dir;
        private final List<String> args = new ArrayList<>();
        private Process process;
        private Path log;
        private Path messagesLog;

        Sipp(Path dir, String template, String... replacements) throws IOException {
            this.dir = dir;
            String xml;
            try (var in = Peers.class.getResourceAsStream("/sipp/" + template)) {
                if (in == null) {
                    throw new IOException("no scenario " + template);
                }
                xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (int i = 0; i < replacements.length; i += 2) {
                xml = xml.replace("@" + replacements[i] + "@", replacements[i + 1]);
            }
            // by default a caller offers RFC 4733 telephone-event next to PCMU
            xml = xml.replace("@FORMATS@", "0 101")
                    .replace("@TELEPHONE_EVENT@", "a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-15\n");
            Path scenario = Files.createTempFile(dir, template.replace(".xml", "-"), ".xml");
            Files.writeString(scenario, xml);
            args.addAll(List.of("sipp", "-sf", scenario.toString()));
        }

        /** Calls {@code user} at the server, from free local SIP and media ports on 127.0.0.1. */
        Sipp call(String user, int serverSipPort, int mediaPort) {
            return callFrom("127.0.0.1", user, serverSipPort, mediaPort);
        }

        /** Calls {@code user} at the server from {@code localIp} (any of 127/8 reaches lo on Linux). */
        Sipp callFrom(String localIp, String user, int serverSipPort, int mediaPort) {
            args.addAll(List.of("-s", user, "127.0.0.1:" + serverSipPort, "-i", localIp,
                    "-p", String.valueOf(FreePorts.udpAndTcp()), "-mi", localIp, "-mp", String.valueOf(mediaPort),
                    "-m", "1", "-nostdin", "-timeout", "90s", "-timeout_error", "-trace_err",
                    "-error_file", dir.resolve("sipp-" + user.replace("*", "star") + "-errors.log").toString()));
            return this;
        }

        /** Adds SIPp options as they are (e.g. {@code -au vmpro -ap secret}). */
        Sipp with(String... options) {
            args.addAll(List.of(options));
            return this;
        }

        /**
         * Answers on {@code port} as a UAS until killed: OPTIONS get 200 automatically ({@code -aa}), the scenario's
         * {@code <log>} lines go to {@link #messages()}.
         */
        Sipp serve(int port) throws IOException {
            args.addAll(List.of("-i", "127.0.0.1", "-p", String.valueOf(port), "-aa", "-m", "100000", "-nostdin"));
            return traceLogs();
        }

        /** Keeps the scenario's {@code <log>} lines, for {@link #messages()}. */
        Sipp traceLogs() throws IOException {
            messagesLog = Files.createTempFile(dir, "sipp-", "-messages.log");
            args.addAll(List.of("-trace_logs", "-log_file", messagesLog.toString()));
            return this;
        }

        /** The scenario's {@code <log>} lines so far. */
        List<String> messages() throws IOException {
            return messagesLog != null && Files.exists(messagesLog) ? Files.readAllLines(messagesLog) : List.of();
        }

        Sipp start() throws IOException {
            log = Files.createTempFile(dir, "sipp-", ".log");
            process = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return this;
        }

        /** Waits for the call to end; returns SIPp's exit code (0: the scenario ran as written). */
        int await(long timeoutSeconds) throws InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("sipp did not finish in " + timeoutSeconds + " s");
            }
            return process.exitValue();
        }

        /** SIPp's exit code, or null while it runs. */
        Integer exitValue() {
            return process.isAlive() ? null : process.exitValue();
        }

        void kill() {
            if (process != null) {
                process.destroyForcibly();
            }
        }

        String output() throws IOException {
            String errors = "";
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith("-errors.log")).toList()) {
                    errors += "\n--- " + p.getFileName() + "\n" + Files.readString(p);
                }
            }
            return Files.readString(log) + errors;
        }
    }

    /** A tshark capture of UDP on {@code lo}, written as classic pcap. */
    static final class Capture implements AutoCloseable {
        private final Process process;
        final Path file;

        Capture(Path dir, String filter) throws IOException, InterruptedException {
            file = Files.createTempFile(dir, "capture-", ".pcap");
            process = new ProcessBuilder("tshark", "-i", "lo", "-f", filter, "-w", file.toString(), "-F", "pcap", "-q")
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("Capturing on")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("tshark did not start: " + line);
                }
            }
            if (line == null) {
                throw new IllegalStateException("tshark exited before capturing (exit " + process.waitFor() + ")");
            }
            Thread.ofVirtual().start(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException ignored) {
                    // the capture ended
                }
            });
        }

        /** Stops the capture and returns the packets. */
        List<RtpPcap.Packet> stop() throws IOException, InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            return RtpPcap.read(file);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
