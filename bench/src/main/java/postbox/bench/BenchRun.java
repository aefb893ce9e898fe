package postbox.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import postbox.bench.audio.RecordingCheck;
import postbox.bench.audio.Wav;
import postbox.bench.rtp.MeasureWindow;
import postbox.bench.rtp.StreamTotals;
import postbox.bench.server.AdminClient;
import postbox.bench.server.HeapUse;
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
 * a 1 s greeting on mailbox 201; a full GC and the idle heap; N INVITEs at the call rate; once all are answered
 * and recording, the measuring window (server CPU and media counters at both ends; arrivals and the generator's
 * lateness inside it); media stopped, then with every call still up a full GC and the steady heap; BYEs; then
 * every stored message downloaded and checked frame by frame. Every wait is bounded. Blocking, on the caller's
 * thread; one use.
 */
final class BenchRun {
    private static final Logger log = LoggerFactory.getLogger(BenchRun.class);
    private static final String MAILBOX = "201";
    private static final String HOST = "127.0.0.1";
    private static final Duration SERVER_START = Duration.ofMinutes(5);
    /** After the last answer: the greeting (1 s) and the tone (0.4 s) end and every call records. */
    private static final long SETTLE_MILLIS = 3000;
    /**
     * After the media stopped, before the steady-state GC and the BYEs: the last packets are played out into the
     * recordings, so the GC's pause (hundreds of ms with 1,000 calls) cannot cost a recorded frame.
     */
    private static final long DRAIN_MILLIS = 300;
    /** Calls named one by one in a note (the ones that lost most frames). */
    private static final int MAX_LISTED = 10;
    private static final Duration TRANSACTIONS = Duration.ofNanos(UacCall.TRANSACTION_TIMEOUT_NANOS).plusSeconds(3);

    /** What the window saw from outside the server. */
    private record Window(double seconds, double serverCpuSeconds, double generatorCpuSeconds, MediaCounters server) {
    }

    private final BenchOptions options;
    private final int calls;
    private final PrintStream err;
    private volatile String phase = "starting the server";
    private volatile RecordingAudit audit;

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
        MeasureWindow window = new MeasureWindow();
        try (LoadGenerator generator = LoadGenerator.open(calls, HOST, window, options.seconds());
             Progress progress = new Progress(err, () -> status(generator))) {
            generator.start();
            progress.start();
            CallTracker tracker = generator.tracker();
            List<UacCall> uacs;
            double heapSteady;
            Window measured;
            try (SipAgent agent = SipAgent.open(HOST, server.sip(), tracker)) {
                uacs = generator.calls(agent, MAILBOX, HOST);
                phase = "calling";
                pace(uacs, options.rate(), agent::invite);
                phase = "awaiting answers";
                await(() -> tracker.answered() + tracker.failed() >= calls, TRANSACTIONS);
                phase = "settling";
                Thread.sleep(SETTLE_MILLIS);
                phase = "measuring";
                measured = measure(server, window, dir, notes);
                phase = "stopping the media";
                generator.stopMedia();
                Thread.sleep(DRAIN_MILLIS);
                phase = "GC, steady heap";
                heapSteady = heapAfterGc(server, notes);
                phase = "hanging up";
                pace(uacs, options.rate() * 4, agent::hangUp);
                await(() -> uacs.stream().noneMatch(c -> c.state() == UacCall.State.CONFIRMED
                        || c.state() == UacCall.State.TERMINATING), TRANSACTIONS);
            }
            generator.stop();
            audit = new RecordingAudit(admin, MAILBOX);
            phase = "checking recordings";
            RecordingAudit.Result audited = audit.run(generator.framesSent(), tracker.answered());
            return result(generator, uacs, audited, measured, heapIdle, heapSteady, notes);
        }
    }

    /** The window: CPU of both processes and the server's counters at its ends, JFR on the server if asked. */
    private Window measure(ServerProcess server, MeasureWindow window, Path dir, List<String> notes)
            throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        ProcStat.CpuTicks serverBefore = ProcStat.read(server.pid());
        ProcStat.CpuTicks generatorBefore = ProcStat.read(self);
        MediaCounters before = server.admin().media();
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
        ProcStat.CpuTicks serverAfter = ProcStat.read(server.pid());
        ProcStat.CpuTicks generatorAfter = ProcStat.read(self);
        MediaCounters after = server.admin().media();
        notes.add("machine load average (1 min) at the window's start and end: " + loadBefore + ", " + loadAverage());
        return new Window(window.seconds(), serverAfter.secondsSince(serverBefore),
                generatorAfter.secondsSince(generatorBefore), after.since(before));
    }

    private RunResult result(LoadGenerator generator, List<UacCall> uacs, RecordingAudit.Result audited,
                             Window window, double heapIdle, double heapSteady, List<String> notes) {
        CallTracker tracker = generator.tracker();
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
        RecordingCheck total = recordingNotes(audited, notes);
        MediaCounters server = window.server();
        if (server.rebases() + server.framesLost() + server.latePackets() + server.recordOverruns()
                + server.sendFailures() > 0) {
            notes.add("server counters in the window: " + server.rebases() + " clock rebases, " + server.framesLost()
                    + " frames lost (jitter buffer), " + server.latePackets() + " late packets, "
                    + server.recordOverruns() + " record overruns, " + server.sendFailures() + " send failures");
        }
        Percentiles burst = generator.burst();
        StreamTotals streams = generator.totals();
        if (streams.stalledCount() > 0) {
            notes.add(streams.stalledCount() + " stream(s) with a gap over 1 s in the window, e.g. calls "
                    + streams.stalled());
        }
        notes.add(String.format(Locale.ROOT, "generator: %d receive threads; a tick's packets sent in p50 %s / p99 %s "
                        + "ms; %d rebases, %d send failures", LoadGenerator.RECEIVERS, ResultTable.ms(burst.p50()),
                ResultTable.ms(burst.p99()), generator.rebases(), streams.sendFailures()));
        int found = (int) Arrays.stream(audited.perCall()).filter(Objects::nonNull).count();
        return new RunResult(calls, options.rate(), tracker.answered(), tracker.failed() + tracker.endedByServer(),
                setup.percentiles(), streams, total, found, window.seconds(), window.serverCpuSeconds(), server,
                heapIdle, heapSteady, generator.lateness(), window.generatorCpuSeconds(), List.copyOf(notes));
    }

    /** The recordings' totals; notes on the calls that lost frames, odd frames, messages that fit no call. */
    private static RecordingCheck recordingNotes(RecordingAudit.Result audited, List<String> notes) {
        RecordingCheck total = RecordingCheck.NONE;
        List<Integer> lossy = new ArrayList<>();
        RecordingCheck[] perCall = audited.perCall();
        for (int call = 0; call < perCall.length; call++) {
            if (perCall[call] != null) {
                total = total.plus(perCall[call]);
                if (perCall[call].lost() > 0) {
                    lossy.add(call);
                }
            }
        }
        if (!lossy.isEmpty()) {
            lossy.sort(Comparator.comparingInt((Integer call) -> perCall[call].lost()).reversed());
            String worst = lossy.stream().limit(MAX_LISTED).map(call -> "call " + call + " " + perCall[call].lost()
                    + "/" + perCall[call].expected() + " (" + perCall[call].lostAtEnd() + " at the end)")
                    .collect(Collectors.joining(", "));
            notes.add("recordings: " + total.lost() + " frames lost in " + lossy.size() + " call(s), "
                    + total.lostAtEnd() + " of them at the end; " + (lossy.size() > MAX_LISTED ? "worst: " : "")
                    + worst);
        }
        if (total.duplicated() + total.reordered() + total.foreign() > 0) {
            notes.add("recordings: " + total.duplicated() + " frames duplicated, " + total.reordered()
                    + " reordered, " + total.foreign() + " from another call");
        }
        if (audited.unreadable() > 0) {
            notes.add(audited.unreadable() + " message(s) without this run's frames (or a second one for a call)");
        }
        return total;
    }

    /** A full GC on the server ({@code jcmd GC.run}), then its live heap; NaN (and a note) when that fails. */
    private static double heapAfterGc(ServerProcess server, List<String> notes) throws InterruptedException {
        if (!Jcmd.available()) {
            notes.add("no jcmd in " + System.getProperty("java.home") + ": heap per call not measured");
            return Double.NaN;
        }
        try {
            Jcmd.run(server.pid(), "GC.run");
            HeapUse heap = HeapUse.of(server.admin().metrics());
            log.info("server heap after a full GC: {} bytes live (old generation), {} bytes in all pools",
                    heap.liveBytes(), heap.totalBytes());
            return heap.liveBytes();
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

    private String status(LoadGenerator generator) {
        CallTracker tracker = generator.tracker();
        String line = String.format("bench %d calls: %s | up %d, failed %d | rtp sent %d, received %d", calls, phase,
                tracker.up(), tracker.failed() + tracker.endedByServer(), generator.packetsSent(),
                generator.packetsReceived());
        RecordingAudit checking = audit;
        return checking == null ? line : line + " | checked " + checking.checked();
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
