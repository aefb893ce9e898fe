package postbox.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Kamailio as the stand-in PBX (the README's example, {@code examples/kamailio-pbx.cfg}): a digest registrar for the
 * voicemail trunk user {@code vmpro} and a proxy that diverts calls for unregistered users to it.
 */
final class Kamailio implements AutoCloseable {

    final int port = FreePorts.udpAndTcp();
    private final Path dir;
    private final String name;
    private Process process;
    private int starts;

    Kamailio(Path dir, String name, String password) throws IOException {
        this.dir = Files.createDirectories(dir.resolve(name));
        this.name = name;
        String config = Files.readString(ServerProcess.HOME.resolve("examples/kamailio-pbx.cfg"));
        Files.writeString(this.dir.resolve("pbx.cfg"),
                config.replace("@PORT@", String.valueOf(port)).replace("@PASSWORD@", password));
    }

    /** Starts it (again) and waits until it answers OPTIONS. */
    Kamailio start() throws IOException, InterruptedException {
        Path log = log(++starts);
        process = new ProcessBuilder("kamailio", "-f", dir.resolve("pbx.cfg").toString(), "-DD", "-E", "-m", "64",
                "-M", "8", "-Y", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Processes.awaitReady(process, name, log, Duration.ofSeconds(20), Duration.ZERO, "answer OPTIONS",
                this::answersOptions);
        return this;
    }

    private boolean answersOptions() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(200);
            String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-probe" + System.nanoTime() + "\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1:" + port + ">\r\n"
                    + "Call-ID: probe-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[2048];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return new String(buffer, 0, reply.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    private Path log(int start) {
        return dir.resolve("kamailio-" + start + ".log");
    }

    /** What this run logged. */
    String log() throws IOException {
        return Files.readString(log(starts));
    }

    /** How many times this run logged {@code needle}. */
    long count(String needle) throws IOException {
        return log().lines().filter(line -> line.contains(needle)).count();
    }

    /** kill -9 of Kamailio and its worker processes: the PBX is gone at once, nothing said. */
    void kill9() throws InterruptedException {
        Processes.kill9(process);
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
