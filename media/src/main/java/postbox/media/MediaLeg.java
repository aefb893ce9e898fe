package postbox.media;

import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;

/**
 * One call's audio: an RTP socket served by a paced clock. Commands are thread-safe, return at once and take
 * effect at the next tick boundary; the tick answers with {@link MediaEvent}s on {@link #events()}.
 */
public interface MediaLeg extends AutoCloseable {

    /** The call this leg belongs to (for logs). */
    String callId();

    /** Where this leg receives RTP (bound before the SDP answer is sent). */
    InetSocketAddress localAddress();

    /** Sets or changes the peer's media (first answer, re-INVITE, hold and resume). */
    void connect(RemoteMedia remote);

    /**
     * Starts playing {@code source}, replacing what was playing (which ends with an interrupted PlayDone).
     *
     * @param bargeIn when true a DTMF key stops the playback (the key is still reported)
     * @return the id carried by this playback's {@link MediaEvent.PlayDone}
     */
    long play(MediaSource source, boolean bargeIn);

    /** Stops the playback, if any (it ends with an interrupted PlayDone). */
    void stopPlay();

    /**
     * Starts recording what the peer sends, through a jitter buffer, into {@code output} (written on another
     * thread). A recording already running is stopped first. The recording gets one frame per tick from its
     * start (silence while the peer sends nothing, so the silence timeout also runs from the start) and lags
     * the network by the jitter delay (60 ms). A terminator key ends it with {@link RecordStop#KEY} and is not
     * reported as a {@link MediaEvent.Dtmf} (so it is not taken as type-ahead); other keys are reported.
     */
    Recorder record(RecordSpec spec, PcmOutput output);

    /** Stops the recording, if any (RecordDone with {@link RecordStop#STOPPED}). */
    void stopRecord();

    /** The events of this leg, in order. The call's thread takes from it. */
    BlockingQueue<MediaEvent> events();

    /** Adds an event from outside the tick (e.g. {@link MediaEvent.Hangup} from SIP). */
    void post(MediaEvent event);

    /**
     * Releases the leg at the next tick: playback stops, a running recording ends with
     * {@link RecordStop#CLOSED} (and still drains), the socket closes. Idempotent.
     */
    @Override
    void close();
}
