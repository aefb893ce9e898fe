package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A SIP user agent client made of a raw socket, for the ITs: sends SIP text to the endpoint and queues every
 * message that comes back (responses, and requests such as a BYE from the server). UDP or TCP, on 127.0.0.1.
 * Not thread-safe: one test thread drives it (a reader thread fills the queue).
 */
final class RawUac implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final Transport transport;
    private final InetSocketAddress server;
    private final DatagramSocket udp;
    private final Socket tcp;
    private final BlockingQueue<SipText> received = new LinkedBlockingQueue<>();
    private final List<SipText> skipped = new ArrayList<>();
    private final Thread reader;
    private volatile boolean connectionClosed;

    private RawUac(Transport transport, InetSocketAddress server, InetAddress loopback) throws IOException {
        this.transport = transport;
        this.server = server;
        if (transport == Transport.UDP) {
            udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            tcp = null;
            reader = Thread.ofPlatform().daemon().name("raw-uac-udp").start(this::readDatagrams);
        } else {
            udp = null;
            tcp = new Socket();
            tcp.bind(new InetSocketAddress(loopback, 0));
            tcp.connect(server, (int) WAIT.toMillis());
            reader = Thread.ofPlatform().daemon().name("raw-uac-tcp").start(this::readStream);
        }
    }

    static RawUac connect(Transport transport, InetSocketAddress server) throws IOException {
        return new RawUac(transport, server, InetAddress.getByName("127.0.0.1"));
    }

    /** A UAC sending from another local address (any of 127/8 works on Linux). */
    static RawUac connect(Transport transport, InetSocketAddress server, InetAddress local) throws IOException {
        return new RawUac(transport, server, local);
    }

    Transport transport() {
        return transport;
    }

    int localPort() {
        return transport == Transport.UDP ? udp.getLocalPort() : tcp.getLocalPort();
    }

    InetSocketAddress server() {
        return server;
    }

    void send(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            if (transport == Transport.UDP) {
                udp.send(new DatagramPacket(bytes, bytes.length, server));
            } else {
                OutputStream out = tcp.getOutputStream();
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message that matches, within {@link #WAIT}; others are set aside. Fails the test on a timeout. */
    SipText await(Predicate<SipText> wanted, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            SipText next = poll(Duration.ofNanos(Math.max(0, left)));
            assertThat(next).as("waiting for %s; received meanwhile %s", description, skipped).isNotNull();
            if (wanted.test(next)) {
                return next;
            }
            skipped.add(next);
        }
    }

    /** The final response for the method; fails on a different final status. Provisional responses are skipped. */
    SipText finalResponse(String method, int status) {
        SipText response = await(m -> m.isResponse() && m.cseqMethod().equals(method) && m.status() >= 200,
                "a final response to " + method);
        assertThat(response.status()).as("final response to %s:\n%s", method, response).isEqualTo(status);
        return response;
    }

    /** A response with exactly this status (provisional ones included). */
    SipText response(String method, int status) {
        return await(m -> m.isResponse() && m.cseqMethod().equals(method) && m.status() == status,
                status + " for " + method);
    }

    SipText request(String method) {
        return await(m -> !m.isResponse() && m.method().equals(method), "a " + method + " request");
    }

    /** Everything that arrives within {@code window} (for asserting that nothing does). */
    List<SipText> drain(Duration window) {
        List<SipText> messages = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        SipText next;
        while ((next = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            messages.add(next);
        }
        return messages;
    }

    /** Provisional and other messages seen while waiting for something else. */
    List<SipText> skipped() {
        return skipped;
    }

    boolean connectionClosed() {
        return connectionClosed;
    }

    private SipText poll(Duration timeout) {
        try {
            return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void readDatagrams() {
        byte[] buffer = new byte[65536];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                received.add(SipText.parse(packet.getData(), packet.getLength()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readStream() {
        try {
            InputStream in = tcp.getInputStream();
            while (true) {
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                int contentLength = 0;
                String line;
                while (!(line = readLine(in)).isEmpty() || message.size() == 0) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    message.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
                        contentLength = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                message.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                message.writeBytes(in.readNBytes(contentLength));
                byte[] bytes = message.toByteArray();
                received.add(SipText.parse(bytes, bytes.length));
            }
        } catch (IOException | RuntimeException e) {
            connectionClosed = true;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new SocketException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        try {
            reader.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
