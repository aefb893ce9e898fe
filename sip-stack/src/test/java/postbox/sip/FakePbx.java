package postbox.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PBX made of a raw socket (UDP, or TCP), for the trunk ITs: a digest registrar (401 then 200, or 403, or a
 * password that never matches), OPTIONS answered with 200, MWI NOTIFY challenged with 407 then 200, and silence on
 * demand. It checks digest responses with its own code and records every request with its arrival time.
 * Thread-safe: the test thread sets its behaviour, its reader threads answer.
 */
final class FakePbx implements AutoCloseable {

    static final String REALM = "fakepbx";
    static final String USER = "vmpro";
    static final String PASSWORD = "secret";

    /** How REGISTERs are answered. */
    enum Registrar { ACCEPT, FORBID, WRONG_PASSWORD }

    /** A request as received, with its arrival time and, for answered challenges, whether the digest was right. */
    record Received(SipText request, long atNanos, boolean authorized) {
        String method() {
            return request.method();
        }

        boolean isUnregister() {
            return method().equals("REGISTER") && "0".equals(request.header("Expires"));
        }
    }

    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private final Transport transport;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private volatile Registrar registrar = Registrar.ACCEPT;
    private volatile List<String> algorithms = List.of("MD5");
    private volatile int grantedSeconds = 300;
    private volatile boolean challengeNotify = true;

    private FakePbx(Transport transport) throws IOException {
        this.transport = transport;
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        if (transport == Transport.UDP) {
            udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            tcp = null;
            Thread.ofPlatform().daemon().name("fake-pbx-udp").start(this::readDatagrams);
        } else {
            udp = null;
            tcp = new ServerSocket(0, 10, loopback);
            Thread.ofPlatform().daemon().name("fake-pbx-accept").start(this::accept);
        }
    }

    static FakePbx start(Transport transport) throws IOException {
        return new FakePbx(transport);
    }

    PbxAddress address() {
        int port = transport == Transport.UDP ? udp.getLocalPort() : tcp.getLocalPort();
        return new PbxAddress("127.0.0.1", port, transport);
    }

    void silent(boolean silent) {
        this.silent = silent;
    }

    void registrar(Registrar registrar) {
        this.registrar = registrar;
    }

    /** The digest algorithms challenged with, one WWW-Authenticate header each, in this order. */
    void algorithms(String... algorithms) {
        this.algorithms = List.of(algorithms);
    }

    void grantedSeconds(int seconds) {
        this.grantedSeconds = seconds;
    }

    void challengeNotify(boolean challenge) {
        this.challengeNotify = challenge;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(Predicate<Received> which) {
        return received.stream().filter(which).toList();
    }

    /** Waits (bounded) for a request that matches among all received so far and to come. */
    Received await(Predicate<Received> wanted, Duration timeout, String description) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received r : received) {
                if (wanted.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the fake PBX " + address() + " got no " + description + " within " + timeout
                + "; it got: " + received.stream().map(r -> r.request().firstLine()).toList());
    }

    private void handle(SipText message, SocketAddress from, Socket connection) {
        if (silent || message.isResponse()) {
            return;
        }
        String reply = switch (message.method()) {
            case "REGISTER" -> register(message, from);
            case "NOTIFY" -> notify(message);
            default -> {
                received.add(new Received(message, System.nanoTime(), false));
                yield response(message, 200, "OK", List.of());
            }
        };
        send(reply, from, connection);
    }

    private String register(SipText request, SocketAddress from) {
        boolean authorized = authorized(request, "Authorization", registrar == Registrar.WRONG_PASSWORD
                ? "not-" + PASSWORD : PASSWORD);
        received.add(new Received(request, System.nanoTime(), authorized));
        if (registrar == Registrar.FORBID) {
            return response(request, 403, "Forbidden", List.of());
        }
        if (!authorized) {
            return response(request, 401, "Unauthorized", challenges("WWW-Authenticate"));
        }
        if ("0".equals(request.header("Expires"))) {
            return response(request, 200, "OK", List.of());
        }
        return response(request, 200, "OK", List.of("Contact: " + request.header("Contact") + ";expires="
                + grantedSeconds));
    }

    private String notify(SipText request) {
        boolean authorized = authorized(request, "Proxy-Authorization", PASSWORD);
        received.add(new Received(request, System.nanoTime(), authorized));
        if (challengeNotify && request.header("Proxy-Authorization") == null) {
            return response(request, 407, "Proxy Authentication Required", challenges("Proxy-Authenticate"));
        }
        return challengeNotify && !authorized ? response(request, 403, "Forbidden", List.of())
                : response(request, 200, "OK", List.of());
    }

    private List<String> challenges(String header) {
        String nonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return algorithms.stream().map(a -> header + ": Digest realm=\"" + REALM + "\", nonce=\"" + nonce
                + "\", algorithm=" + a + ", qop=\"auth\", opaque=\"op4que\"").toList();
    }

    /** Checks the credentials with this class's own digest code (not Postbox's). */
    static boolean authorized(SipText request, String header, String password) {
        String value = request.header(header);
        if (value == null) {
            return false;
        }
        Map<String, String> params = new HashMap<>();
        Matcher matcher = PARAM.matcher(value);
        while (matcher.find()) {
            params.put(matcher.group(1).toLowerCase(Locale.ROOT),
                    matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        String algorithm = params.getOrDefault("algorithm", "MD5");
        String requestUri = request.firstLine().split(" ")[1];
        if (!USER.equals(params.get("username")) || !REALM.equals(params.get("realm"))
                || !requestUri.equals(params.get("uri")) || !"auth".equals(params.get("qop"))
                || !"op4que".equals(params.get("opaque"))) {
            return false;
        }
        String ha1 = hash(algorithm, USER + ":" + REALM + ":" + password);
        String ha2 = hash(algorithm, request.method() + ":" + requestUri);
        String expected = hash(algorithm, ha1 + ":" + params.get("nonce") + ":" + params.get("nc") + ":"
                + params.get("cnonce") + ":auth:" + ha2);
        return expected.equals(params.get("response"));
    }

    static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT))
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String response(SipText request, int status, String reason, List<String> headers) {
        String base = request.responseText(status, reason, status == 100 ? null : "pbx" + status);
        int end = base.indexOf("Content-Length:");
        StringBuilder extra = new StringBuilder();
        headers.forEach(h -> extra.append(h).append("\r\n"));
        return base.substring(0, end) + extra + base.substring(end);
    }

    private void send(String text, SocketAddress to, Socket connection) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (connection == null) {
                udp.send(new DatagramPacket(bytes, bytes.length, to));
            } else {
                OutputStream out = connection.getOutputStream();
                synchronized (connection) {
                    out.write(bytes);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the endpoint went away: nothing to answer
        }
    }

    private void readDatagrams() {
        byte[] buffer = new byte[65536];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                handle(SipText.parse(packet.getData(), packet.getLength()), packet.getSocketAddress(), null);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void accept() {
        while (!tcp.isClosed()) {
            try {
                Socket connection = tcp.accept();
                connections.add(connection);
                Thread.ofPlatform().daemon().name("fake-pbx-tcp").start(() -> readStream(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readStream(Socket connection) {
        try {
            InputStream in = connection.getInputStream();
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
                handle(SipText.parse(bytes, bytes.length), connection.getRemoteSocketAddress(), connection);
            }
        } catch (IOException | RuntimeException e) {
            // connection closed
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
            for (Socket connection : connections) {
                connection.close();
            }
        }
    }
}
