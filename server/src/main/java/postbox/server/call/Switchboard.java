package postbox.server.call;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.ivr.CallFlow;
import postbox.ivr.prompt.PromptLibrary;
import postbox.ivr.voicemail.CollectFlow;
import postbox.ivr.voicemail.LeaveFlow;
import postbox.ivr.voicemail.Voicemail;
import postbox.media.MediaEngine;
import postbox.media.MediaLeg;
import postbox.sip.Answer;
import postbox.sip.CallControl;
import postbox.sip.CallHandler;
import postbox.sip.IncomingCall;

/**
 * Takes every incoming call: routes it (SPEC section 2), enforces the port limit (503 + Retry-After), opens its
 * media leg and hands it to a {@link CallSession}. {@link #onInvite} runs on a JAIN-SIP thread and never blocks
 * (binding the RTP socket is the only system call). Thread-safe.
 */
public final class Switchboard implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);
    /** What a caller beyond the port limit is told to wait. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final CallRouter router;
    private final MediaEngine media;
    private final Voicemail voicemail;
    private final PromptLibrary prompts;
    private final int portLimit;
    private final CallMetrics metrics;
    private final AtomicInteger active = new AtomicInteger();
    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean draining;

    public Switchboard(CallRouter router, MediaEngine media, Voicemail voicemail, PromptLibrary prompts, int portLimit,
                       CallMetrics metrics) {
        this.router = router;
        this.media = media;
        this.voicemail = voicemail;
        this.prompts = prompts;
        this.portLimit = portLimit;
        this.metrics = metrics;
    }

    @Override
    public Answer onInvite(IncomingCall call, CallControl control) {
        Route route = router.route(call);
        if (route instanceof Route.Unknown unknown) {
            log.info("call {} for unknown '{}' from {}: 404", call.callId(), unknown.user(), call.source());
            return metrics.rejected(new Answer.Reject(404, "Not Found"));
        }
        if (draining) {
            return metrics.rejected(new Answer.Reject(503, "Service Unavailable", RETRY_AFTER));
        }
        if (active.incrementAndGet() > portLimit) {
            active.decrementAndGet();
            log.warn("call {} refused: all {} ports busy", call.callId(), portLimit);
            return metrics.rejected(new Answer.Reject(503, "Service Unavailable", RETRY_AFTER));
        }
        MediaLeg leg;
        try {
            leg = media.openLeg(call.callId());
        } catch (IOException e) {
            active.decrementAndGet();
            log.error("call {} refused: no RTP port ({})", call.callId(), e.getMessage());
            return metrics.rejected(new Answer.Reject(503, "Service Unavailable", RETRY_AFTER));
        }
        leg.connect(CallSession.remoteMedia(call.media()));
        CallSession session = new CallSession(call, control, leg, flow(route), startPoint(route), prompts,
                () -> finished(call.callId()));
        sessions.put(call.callId(), session);
        metrics.accepted(startPoint(route));
        return new Answer.Accept(leg.localAddress(), session);
    }

    private CallFlow flow(Route route) {
        return switch (route) {
            case Route.Leave leave -> new LeaveFlow(voicemail, leave.mailbox(), leave.divertGreeting());
            case Route.Collect collect -> new CollectFlow(voicemail, collect.knownMailbox());
            case Route.Unknown unknown -> throw new IllegalStateException("no flow for " + unknown);
        };
    }

    private static String startPoint(Route route) {
        return switch (route) {
            case Route.Leave leave -> "leave";
            case Route.Collect collect -> "collect";
            case Route.Unknown unknown -> "unknown";
        };
    }

    private void finished(String callId) {
        sessions.remove(callId);
        active.decrementAndGet();
    }

    /** The calls in progress, oldest first. */
    public java.util.List<CallSession.View> calls() {
        return sessions.values().stream().map(CallSession::view)
                .sorted(java.util.Comparator.comparing(CallSession.View::startedAt)).toList();
    }

    /** Calls in progress. */
    public int activeCalls() {
        return active.get();
    }

    public int portLimit() {
        return portLimit;
    }

    /**
     * Stops taking calls (503), hangs up the calls in progress (their flows keep what was recorded) and waits up
     * to {@code timeout} for them to finish. Blocking.
     */
    public void drain(Duration timeout) throws InterruptedException {
        draining = true;
        sessions.values().forEach(CallSession::hangUp);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        if (active.get() > 0) {
            log.warn("{} calls still active after {}", active.get(), timeout);
        }
    }
}
