package postbox.server.call;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import postbox.ivr.CallFlow;
import postbox.ivr.HangupException;
import postbox.ivr.media.MediaCall;
import postbox.ivr.prompt.PromptLibrary;
import postbox.media.LegStats;
import postbox.media.MediaEvent;
import postbox.media.MediaLeg;
import postbox.media.RemoteMedia;
import postbox.media.SrtpKeys;
import postbox.sip.CallControl;
import postbox.sip.CallListener;
import postbox.sip.EndReason;
import postbox.sip.IncomingCall;
import postbox.sip.MediaOffer;

/**
 * One accepted call: its SIP dialog, its media leg and its call flow on a virtual thread of its own. The SIP
 * callbacks only post (they run on JAIN-SIP threads); the flow starts when the ACK arrives. Thread-safe.
 */
final class CallSession implements CallListener {

    private static final Logger log = LoggerFactory.getLogger(CallSession.class);

    private final IncomingCall call;
    private final CallControl control;
    private final MediaLeg leg;
    private final CallFlow flow;
    private final String startPoint;
    private final PromptLibrary prompts;
    private final Runnable onFinished;
    private final Instant startedAt = Instant.now();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();

    CallSession(IncomingCall call, CallControl control, MediaLeg leg, CallFlow flow, String startPoint,
                PromptLibrary prompts, Runnable onFinished) {
        this.call = call;
        this.control = control;
        this.leg = leg;
        this.flow = flow;
        this.startPoint = startPoint;
        this.prompts = prompts;
        this.onFinished = onFinished;
    }

    /**
     * The negotiated SDP as the media engine takes it: the codec, telephone-events, SRTP keys (ours to send, the
     * peer's to receive), and directions (we send while the peer receives, and the other way round).
     */
    static RemoteMedia remoteMedia(MediaOffer offer) {
        return new RemoteMedia(offer.remote(), offer.codec(), offer.clockRate(), offer.payloadType(), offer.fmtp(),
                offer.dtmfPayloadType(), offer.dtmfClockRate(), offer.direction().remoteReceives(),
                offer.direction().remoteSends(),
                offer.crypto().map(crypto -> new SrtpKeys(crypto.suite(), crypto.localKeySalt(), crypto.remoteKeySalt())));
    }

    String callId() {
        return call.callId();
    }

    /**
     * A call as {@code GET /api/calls} shows it.
     *
     * @param media the leg's codec, rate, packets, loss, RFC 3550 jitter, jitter buffer, the peer's RTCP report
     */
    public record View(String callId, String startPoint, String from, String source, Instant startedAt,
                       LegStats media) {
    }

    View view() {
        return new View(call.callId(), startPoint, call.from().user(), call.source().toString(), startedAt, leg.stats());
    }

    @Override
    public void onEstablished() {
        if (started.compareAndSet(false, true)) {
            Thread.ofVirtual().name("call-" + call.callId()).start(this::runFlow);
        }
    }

    @Override
    public void onMediaChanged(MediaOffer media) {
        leg.connect(remoteMedia(media));
    }

    @Override
    public void onEnded(EndReason reason) {
        leg.post(new MediaEvent.Hangup());
        if (started.compareAndSet(false, true)) {
            finish(); // never established: no flow will release the call
        }
    }

    /** Ends the call from our side (shutdown): the flow sees a hangup and keeps what it recorded. */
    void hangUp() {
        leg.post(new MediaEvent.Hangup());
        control.hangup();
    }

    private void runFlow() {
        MDC.put("call", call.callId());
        try {
            log.info("{} from '{}' ({}) started", startPoint, call.from().user(), call.source());
            flow.run(new MediaCall(leg, call.from().user(), prompts, number -> control.transfer(number).join()));
            log.info("{} ended", startPoint);
        } catch (HangupException e) {
            log.info("{} ended by hangup", startPoint);
        } catch (RuntimeException e) {
            log.error("{} failed", startPoint, e);
        } finally {
            control.hangup();
            finish();
            MDC.remove("call");
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            leg.close();
            onFinished.run();
        }
    }
}
