package postbox.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import postbox.bench.rtp.MediaStream;
import postbox.bench.sip.SipAgent;
import postbox.bench.sip.UacCall;

/**
 * Ties each call's SIP to its RTP: an answered call starts sending to the server's media address, an ended one
 * stops; counts calls answered, failed, ended and hung up by the server. Thread-safe (called on the SIP agent's
 * threads, read by the run's and the progress thread).
 */
final class CallTracker implements SipAgent.Listener {
    private final List<MediaStream> streams;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger endedByServer = new AtomicInteger();

    CallTracker(List<MediaStream> streams) {
        this.streams = streams;
    }

    @Override
    public void answered(UacCall call) {
        streams.get(call.index()).start(call.answer().media());
        answered.incrementAndGet();
    }

    @Override
    public void failed(UacCall call) {
        failed.incrementAndGet();
    }

    @Override
    public void ended(UacCall call) {
        streams.get(call.index()).stop();
        if (call.endedByServer()) {
            endedByServer.incrementAndGet();
        }
        ended.incrementAndGet();
    }

    int answered() {
        return answered.get();
    }

    int failed() {
        return failed.get();
    }

    int ended() {
        return ended.get();
    }

    int endedByServer() {
        return endedByServer.get();
    }

    /** Calls up now: answered and not ended. */
    int up() {
        return answered.get() - ended.get();
    }
}
