package postbox.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import postbox.bench.audio.FrameMark;
import postbox.bench.audio.RecordingCheck;
import postbox.bench.audio.Wav;
import postbox.bench.rtp.ArrivalStats;
import postbox.bench.rtp.MeasureWindow;
import postbox.bench.rtp.MediaStream;
import postbox.bench.rtp.RtpReceiver;
import postbox.bench.rtp.RtpSender;
import postbox.bench.server.AdminClient;
import postbox.bench.server.Jcmd;
import postbox.bench.server.MediaCounters;
import postbox.bench.server.ProcStat;
import postbox.bench.server.ServerProcess;
import postbox.bench.sip.SipAgent;
import postbox.bench.sip.UacCall;
import postbox.bench.stats.IntSeries;
import postbox.bench.stats.Percentiles;

/**
 * One benchmark run of N calls against a freshly started server, from start to {@link RunResult}: the server with
 * a 1 s greeting on mailbox 201; a GC and the idle heap; N INVITEs at the call rate; once all are answered and
 * recording, a GC and the steady heap; the measuring window (server CPU and media counters at both ends; arrivals
 * and the generator's lateness inside it); media stopped, BYEs; then every stored message downloaded and checked
 * frame by frame. Every wait is bounded. Blocking, on the caller's thread; one use.
 */
final class BenchRun {
    private static final Logger log = LoggerFactory.getLogger(BenchRun.class);
    private static final String MAILBOX = "201";
    private static final String HOST = "127.0.0.1";
    private static final int RECEIVERS = 2;
    private static final Duration SERVER_START = Duration.ofMinutes(5);
    /** After the last answer: the greeting (1 s) and the tone (0.4 s) end and every call records. */
    private static final long SETTLE_MILLIS = 3000;
    /** After the steady-state GC, before the window: the server's clocks and jitter buffers recover. */
    private static final long AFTER_GC_MILLIS = 2000;
    /** After the media stopped, before the BYEs: the last packets are played out into the recordings. */
    private static final long DRAIN_MILLIS = 300;
    private static final Duration TRANSACTIONS = Duration.ofNanos(UacCall.TRANSACTION_TIMEOUT_NANOS).plusSeconds(3);
    private static final Duration MESSAGES = Duration.ofSeconds(30);
    private static final Duration MESSAGES_STABLE = Duration.ofSeconds(5);
    private static final int DOWNLOADS = 4;

    private final BenchOptions options;
    private final int calls;
    private final PrintStream err;
    private final AtomicInteger checked = new AtomicInteger();
    private volatile String phase = "starting the server";

    BenchRun(BenchOptions options, int calls, PrintStream err) {
        this.options = options;
        this.calls = calls;
        this.err = err;
    }

    /** Runs it; the run's folder is deleted unless kept (or the run failed: then the error says where it is). */
    RunResult run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("postbox-bench-" + calls + "-");
        List<String> notes = new ArrayList<>();
        if (options.keep()) {
            notes.add("run folder " + dir + " (server.log, postbox.yaml, data/)");
        }
        boolean ok = false;
        try (ServerProcess server = ServerProcess.start(options.serverHome(), dir, config(), options.serverOptions(),
                SERVER_START)) {
            log.info("server up (pid {}), SIP {}", server.pid(), server.sip());
            RunResult result = drive(server, dir, notes);
            ok = true;
            return result;
        } catch (IOException | RuntimeException e) {
            throw new IOException(e.getMessage() + " (run folder kept: " + dir + ")", e);
        } finally {
            if (ok && !options.keep()) {
                delete(dir);
            }
        }
    }

    /** The server's config: ports for every call, RTP ports for every leg, recordings that outlast the run. */
    String config() {
        return "node: { ports: " + (calls + 10) + " }\n"
                + "media: { address: " + HOST + ", rtpPorts: 20000-29999 }\n"
                + "voicemail: { maxMessageSeconds: 3600, silenceSeconds: 60 }\n";
    }

    private RunResult drive(ServerProcess server, Path dir, List<String> notes)
            throws IOException, InterruptedException {
        AdminClient admin = server.admin();
        admin.putGreeting(MAILBOX, Wav.of(Wav.tone(1.0, 440, 8000, 8000), 8000));
        phase = "GC, idle heap";
        double heapIdle = heapAfterGc(server, notes);

        List<MediaStream> streams = new ArrayList<>(calls);
        try {
            for (int i = 0; i < calls; i++) {
                streams.add(MediaStream.open(i, HOST, options.seconds() * 50));
            }
            MeasureWindow window = new MeasureWindow();
            CallTracker tracker = new CallTracker(streams);
            RtpSender sender = new RtpSender(streams, window, options.seconds());
            List<RtpReceiver> receivers = new ArrayList<>();
            for (int r = 0; r < RECEIVERS; r++) {
                int share = r;
                receivers.add(new RtpReceiver("rtp-receiver-" + r,
                        streams.stream().filter(s -> s.call() % RECEIVERS == share).toList(), window));
            }
            receivers.forEach(RtpReceiver::start);
            sender.start();
            try (Progress progress = new Progress(err, () -> status(tracker, sender, receivers))) {
                progress.start();
                List<UacCall> uacs;
                double heapSteady;
                MediaCounters before;
                MediaCounters after;
                ProcStat.CpuTicks serverBefore;
                ProcStat.CpuTicks serverAfter;
                ProcStat.CpuTicks generatorBefore;
                ProcStat.CpuTicks generatorAfter;
                long self = ProcessHandle.current().pid();
                try (SipAgent agent = SipAgent.open(HOST, server.sip(), tracker)) {
                    uacs = new ArrayList<>(calls);
                    for (MediaStream stream : streams) {
                        uacs.add(agent.newCall(stream.call(), MAILBOX, HOST, stream.port()));
                    }
                    phase = "calling";
                    pace(uacs, options.rate(), agent::invite);
                    phase = "awaiting answers";
                    await(() -> tracker.answered() + tracker.failed() >= calls, TRANSACTIONS);
                    phase = "settling";
                    Thread.sleep(SETTLE_MILLIS);
                    phase = "GC, steady heap";
                    heapSteady = heapAfterGc(server, notes);
                    Thread.sleep(AFTER_GC_MILLIS);

                    phase = "measuring";
                    serverBefore = ProcStat.read(server.pid());
                    generatorBefore = ProcStat.read(self);
                    before = admin.media();
                    String loadBefore = loadAverage();
                    window.open(System.nanoTime());
                    if (options.jfr()) {
                        Path jfr = dir.resolve("window.jfr");
                        Jcmd.run(server.pid(), "JFR.start", "name=bench", "settings=profile",
                                "duration=" + options.seconds() + "s", "filename=" + jfr);
                        notes.add("JFR recording of the window: " + jfr);
                    }
                    Thread.sleep(options.seconds() * 1000L);
                    window.close(System.nanoTime());
                    serverAfter = ProcStat.read(server.pid());
                    generatorAfter = ProcStat.read(self);
                    after = admin.media();
                    notes.add("machine load average (1 min) at the window's start and end: " + loadBefore + ", "
                            + loadAverage());

                    phase = "hanging up";
                    sender.close();
                    Thread.sleep(DRAIN_MILLIS);
                    pace(uacs, options.rate() * 4, agent::hangUp);
                    await(() -> uacs.stream().noneMatch(c -> c.state() == UacCall.State.CONFIRMED
                            || c.state() == UacCall.State.TERMINATING), TRANSACTIONS);
                } finally {
                    sender.close();
                    for (RtpReceiver receiver : receivers) {
                        receiver.close();
                    }
                }
                phase = "awaiting messages";
                List<AdminClient.Message> messages = awaitMessages(admin, tracker.answered());
                phase = "checking recordings";
                RecordingCheck[] checks = new RecordingCheck[calls];
                int unreadable = check(admin, messages, streams, checks);

                return result(tracker, uacs, streams, checks, unreadable, window.seconds(),
                        serverAfter.secondsSince(serverBefore), after.since(before), heapIdle, heapSteady, sender,
                        generatorAfter.secondsSince(generatorBefore), notes);
            }
        } finally {
            for (MediaStream stream : streams) {
                stream.close();
            }
        }
    }

    private RunResult result(CallTracker tracker, List<UacCall> uacs, List<MediaStream> streams,
                             RecordingCheck[] checks, int unreadable, double windowSeconds, double serverCpu,
                             MediaCounters server, double heapIdle, double heapSteady, RtpSender sender,
                             double generatorCpu, List<String> notes) {
        IntSeries setup = new IntSeries(calls);
        Map<String, Integer> failures = new TreeMap<>();
        for (UacCall call : uacs) {
            if (call.setupNanos() >= 0) {
                setup.add((int) (call.setupNanos() / 1000));
            }
            if (call.failure() != null) {
                failures.merge(call.failure(), 1, Integer::sum);
            }
        }
        failures.forEach((why, count) -> notes.add(count + " call(s): " + why));
        if (tracker.endedByServer() > 0) {
            notes.add(tracker.endedByServer() + " call(s) hung up by the server before the end");
        }

        IntSeries deviations = new IntSeries(calls * options.seconds() * 50);
        int[] streamP99 = new int[calls];
        int streamsMeasured = 0;
        long gaps = 0;
        long lost = 0;
        long received = 0;
        long sendFailures = 0;
        for (MediaStream stream : streams) {
            ArrivalStats arrivals = stream.arrivals();
            deviations.addAll(arrivals.deviationsMicros());
            Percentiles own = arrivals.deviations();
            if (own.any()) {
                streamP99[streamsMeasured++] = own.p99();
            }
            gaps += arrivals.gaps();
            lost += arrivals.windowLost();
            received += arrivals.windowReceived();
            sendFailures += stream.sendFailures();
        }
        Percentiles perStream = Percentiles.of(streamP99, streamsMeasured);

        RecordingCheck total = RecordingCheck.NONE;
        int found = 0;
        int worst = -1;
        for (int i = 0; i < checks.length; i++) {
            if (checks[i] != null) {
                found++;
                total = total.plus(checks[i]);
                if (checks[i].lost() > 0 && (worst < 0 || checks[i].lost() > checks[worst].lost())) {
                    worst = i;
                }
            }
        }
        if (worst >= 0) {
            RecordingCheck w = checks[worst];
            notes.add("recordings: " + total.lost() + " frames lost (" + total.lostAtEnd() + " of them at the end); worst: call "
                    + worst + " lost " + w.lost() + " of " + w.expected() + " (" + w.lostAtEnd() + " at the end)");
        }
        if (total.duplicated() + total.reordered() + total.foreign() > 0) {
            notes.add("recordings: " + total.duplicated() + " frames duplicated, " + total.reordered()
                    + " reordered, " + total.foreign() + " from another call");
        }
        if (unreadable > 0) {
            notes.add(unreadable + " message(s) without this run's frames (or a second one for a call)");
        }
        if (server.rebases() + server.framesLost() + server.latePackets() + server.recordOverruns()
                + server.sendFailures() > 0) {
            notes.add("server counters in the window: " + server.rebases() + " clock rebases, " + server.framesLost()
                    + " frames lost (jitter buffer), " + server.latePackets() + " late packets, "
                    + server.recordOverruns() + " record overruns, " + server.sendFailures() + " send failures");
        }
        Percentiles burst = sender.burst();
        notes.add(String.format(Locale.ROOT,
                "generator: %d receive threads; one tick's packets sent in p50 %s / p99 %s ms; %d rebases, %d send failures",
                RECEIVERS, ResultTable.ms(burst.p50()), ResultTable.ms(burst.p99()), sender.rebases(), sendFailures));
        int failed = tracker.failed() + tracker.endedByServer();
        return new RunResult(calls, options.rate(), tracker.answered(), failed, setup.percentiles(),
                deviations.percentiles(), perStream.p50(), perStream.max(), gaps, lost, received, total, worst,
                worst < 0 ? 0 : checks[worst].lost(), found, unreadable, windowSeconds, serverCpu, server, heapIdle,
                heapSteady, sender.lateness(), burst, sender.rebases(), sendFailures, generatorCpu,
                List.copyOf(notes));
    }

    /** Downloads every message and checks it against its call; returns the messages that fit no call. */
    private int check(AdminClient admin, List<AdminClient.Message> messages, List<MediaStream> streams,
                      RecordingCheck[] checks) throws IOException, InterruptedException {
        record Checked(int call, RecordingCheck check) {
        }
        List<Future<Checked>> pending = new ArrayList<>();
        try (ExecutorService downloads = Executors.newFixedThreadPool(DOWNLOADS)) {
            for (AdminClient.Message message : messages) {
                pending.add(downloads.submit(() -> {
                    short[] pcm = Wav.samples(admin.audio(MAILBOX, message.id()));
                    List<FrameMark.Mark> marks = FrameMark.scan(pcm, pcm.length);
                    int call = RecordingCheck.callOf(marks);
                    checked.incrementAndGet();
                    if (call < 0 || call >= calls) {
                        return new Checked(-1, null);
                    }
                    return new Checked(call, RecordingCheck.of(marks, call, streams.get(call).framesSent() - 1));
                }));
            }
            int unreadable = 0;
            for (Future<Checked> future : pending) {
                Checked result;
                try {
                    result = future.get();
                } catch (ExecutionException e) {
                    throw new IOException("checking a message failed: " + e.getCause(), e.getCause());
                }
                if (result.call() < 0 || checks[result.call()] != null) {
                    unreadable++;
                } else {
                    checks[result.call()] = result.check();
                }
            }
            return unreadable;
        }
    }

    /** Waits until {@code expected} messages are stored, or their count has not moved for 5 s (30 s at most). */
    private List<AdminClient.Message> awaitMessages(AdminClient admin, int expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + MESSAGES.toNanos();
        long stableSince = System.nanoTime();
        List<AdminClient.Message> messages = admin.messages(MAILBOX);
        while (messages.size() < expected && System.nanoTime() < deadline
                && System.nanoTime() - stableSince < MESSAGES_STABLE.toNanos()) {
            Thread.sleep(500);
            List<AdminClient.Message> now = admin.messages(MAILBOX);
            if (now.size() != messages.size()) {
                stableSince = System.nanoTime();
            }
            messages = now;
        }
        return messages;
    }

    /** A GC on the server ({@code jcmd GC.run}), then its heap in use; NaN (and a note) when that fails. */
    private double heapAfterGc(ServerProcess server, List<String> notes) throws InterruptedException {
        if (!Jcmd.available()) {
            notes.add("no jcmd in " + System.getProperty("java.home") + ": heap per call not measured");
            return Double.NaN;
        }
        try {
            Jcmd.run(server.pid(), "GC.run");
            return server.admin().heapUsedBytes();
        } catch (IOException e) {
            notes.add("heap not measured: " + e.getMessage());
            return Double.NaN;
        }
    }

    /** Calls {@code action} on each call, {@code perSecond} a second on absolute times. */
    private static void pace(List<UacCall> uacs, int perSecond, Consumer<UacCall> action) {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / perSecond;
        for (int i = 0; i < uacs.size(); i++) {
            long at = start + i * interval;
            for (long wait; (wait = at - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            action.accept(uacs.get(i));
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private String status(CallTracker tracker, RtpSender sender, List<RtpReceiver> receivers) {
        long in = receivers.stream().mapToLong(RtpReceiver::packets).sum();
        String line = String.format("bench %d calls: %s | up %d, failed %d | rtp sent %d, received %d", calls, phase,
                tracker.up(), tracker.failed() + tracker.endedByServer(), sender.packetsSent(), in);
        return phase.equals("checking recordings") ? line + " | checked " + checked.get() : line;
    }

    /** The 1-minute load average, as /proc/loadavg says it. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
