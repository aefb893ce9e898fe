package postbox.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;
import postbox.media.MediaEngine;
import postbox.media.MediaStats;
import postbox.server.call.Switchboard;
import postbox.server.role.Pairing;
import postbox.store.nats.MirrorStats;
import postbox.sip.RegistrationState;
import postbox.sip.SipEndpoint;
import postbox.sip.TrunkStatus;

/** The node's Prometheus registry: calls, media engine counters, JVM. Thread-safe. */
final class NodeMetrics implements AutoCloseable {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    NodeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    void bind(Switchboard switchboard, MediaEngine media) {
        Gauge.builder("postbox.calls.active", switchboard, Switchboard::activeCalls)
                .description("calls in progress").register(registry);
        Gauge.builder("postbox.calls.port.limit", switchboard, Switchboard::portLimit)
                .description("node.ports").register(registry);
        Gauge.builder("postbox.media.legs.active", media, m -> m.stats().activeLegs()).register(registry);
        Gauge.builder("postbox.media.tick.lateness.max.micros", media, m -> m.stats().maxTickLatenessMicros())
                .description("the latest a tick has run after its deadline").register(registry);
        counter("postbox.media.ticks", media, MediaStats::ticks, "media clock ticks");
        counter("postbox.media.ticks.late", media, MediaStats::lateTicks, "ticks run more than 2 ms after their deadline");
        counter("postbox.media.rebases", media, MediaStats::rebases, "times a clock fell far behind and re-based");
        counter("postbox.media.packets.in", media, MediaStats::packetsIn, "RTP packets received");
        counter("postbox.media.packets.out", media, MediaStats::packetsOut, "RTP packets sent");
        counter("postbox.media.packets.late", media, MediaStats::latePackets, "packets behind the jitter buffer's playout");
        counter("postbox.media.packets.reordered", media, MediaStats::reorderedPackets, "packets that arrived out of order");
        counter("postbox.media.frames.lost", media, MediaStats::framesLost, "frames never received");
        counter("postbox.media.frames.concealed", media, MediaStats::framesConcealed, "frames filled by loss concealment");
        counter("postbox.media.play.underruns", media, MediaStats::playUnderruns, "ticks a player's ring was dry");
        counter("postbox.media.record.overruns", media, MediaStats::recordOverruns, "frames a recorder's ring had no room for");
        counter("postbox.media.rtcp.in", media, MediaStats::rtcpIn, "RTCP compound packets received");
        counter("postbox.media.rtcp.out", media, MediaStats::rtcpOut, "RTCP compound packets sent");
        counter("postbox.media.srtp.failures", media, MediaStats::srtpFailures, "SRTP packets that failed authentication");
        Gauge.builder("postbox.media.jitter.max.milliseconds", media, m -> m.stats().maxJitterMillis())
                .description("the largest RFC 3550 interarrival jitter over the calls up").register(registry);
        Gauge.builder("postbox.media.jitter.mean.milliseconds", media, m -> m.stats().meanJitterMillis())
                .description("the mean RFC 3550 interarrival jitter over the calls up").register(registry);
        // the tick-lateness histogram: ticks by how late they ran, one counter per bucket
        List<Long> bounds = MediaStats.TICK_LATENESS_BOUNDS_MICROS;
        for (int i = 0; i <= bounds.size(); i++) {
            int bucket = i;
            String label = i < bounds.size() ? "<=" + bounds.get(i) / 1000.0 + "ms" : ">" + bounds.getLast() / 1000.0 + "ms";
            FunctionCounter.builder("postbox.media.tick.lateness", media, m -> m.stats().tickLateness().get(bucket))
                    .tag("bucket", label).description("ticks by how late they ran after their deadline")
                    .register(registry);
        }
    }

    /** Trunk counters: failovers, registration failures, whether registered and whether on the backup PBX. */
    void bind(SipEndpoint sip) {
        FunctionCounter.builder("postbox.trunk.failovers", sip, s -> trunk(s, TrunkStatus::failovers))
                .description("moves to another PBX").register(registry);
        FunctionCounter.builder("postbox.trunk.registration.failures", sip, s -> trunk(s, TrunkStatus::registrationFailures))
                .description("failed REGISTER attempts").register(registry);
        Gauge.builder("postbox.trunk.registered", sip,
                s -> trunk(s, t -> t.registration() == RegistrationState.REGISTERED ? 1 : 0))
                .description("1 while registered to a PBX").register(registry);
        Gauge.builder("postbox.trunk.on.backup", sip, s -> trunk(s, t -> t.onBackup() ? 1 : 0))
                .description("1 while the backup PBX is in use").register(registry);
    }

    /** A paired node: active or not, the peer's heartbeat age, sync lag, handover queue, takeovers. */
    void bind(Pairing pairing) {
        Gauge.builder("postbox.node.active", pairing, p -> p.status().state().equals("active") ? 1 : 0)
                .description("1 while this node takes calls").register(registry);
        Gauge.builder("postbox.peer.heartbeat.age.seconds", pairing, p -> p.status().peer() == null ? Double.NaN
                        : p.status().peer().heartbeatAgeMs() / 1000.0)
                .description("how old the peer's last heartbeat is").register(registry);
        Gauge.builder("postbox.sync.lag.milliseconds", pairing, p -> p.status().sync() instanceof MirrorStats mirror
                        ? mirror.lastLagMs() : 0)
                .description("backup: how long the last configuration change took to arrive").register(registry);
        Gauge.builder("postbox.handover.pending", pairing, p -> p.status().handover().pending())
                .description("messages waiting to be handed to the primary").register(registry);
        FunctionCounter.builder("postbox.handover.received", pairing, p -> p.status().handover().received())
                .description("primary: messages handed over by the backup").register(registry);
        FunctionCounter.builder("postbox.takeovers", pairing, p -> p.status().takeovers())
                .description("backup: times it took over from a silent primary").register(registry);
    }

    private static double trunk(SipEndpoint sip, ToDoubleFunction<TrunkStatus> value) {
        return sip.trunkStatus().map(value::applyAsDouble).orElse(0.0);
    }

    private void counter(String name, MediaEngine media, ToDoubleFunction<MediaStats> value, String description) {
        FunctionCounter.builder(name, media, m -> value.applyAsDouble(m.stats())).description(description)
                .register(registry);
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
