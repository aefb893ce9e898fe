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

    /**
     * Sets or changes the peer's media (first answer, re-INVITE, hold and resume). A new codec or DTMF mode
     * re-arms DTMF detection (RFC 4733 or in band); a new sample rate ends a running playback (interrupted
     * PlayDone) rather than playing it at the wrong rate.
     *
     * @throws IllegalArgumentException for a codec this build cannot speak (see
     *                                  {@link postbox.media.codec.Codecs#supported()})
     */
    void connect(RemoteMedia remote);

    /**
     * The leg's internal sample rate: 8000 or 16000 Hz, from the codec of the last {@link #connect} (8000 before
     * any). A {@link MediaSource} handed to {@link #play} must produce frames of {@code sampleRate() / 50}
     * samples, and recordings still reach their {@link PcmOutput} at 8 kHz.
     */
    int sampleRate();

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
     * Sends DTMF keys to the peer (transfer, outdial): RFC 4733 telephone-events on the negotiated payload type
     * (100 ms per key, then a gap; the audio pauses during each event), or the DTMF tone pairs in band when no
     * telephone-event was negotiated. Keys queue behind keys still being sent.
     *
     * @param keys {@code 0-9 * # A-D}
     * @return the id carried by the {@link MediaEvent.DigitsSent} that follows the last key
     * @throws IllegalArgumentException for anything but DTMF keys, or no keys
     */
    long sendDigits(String keys);

    /**
     * Starts recording what the peer sends, through a jitter buffer, into {@code output} (written on another
     * thread). A recording already running is stopped first. The recording gets one frame per tick from its
     * start (silence while the peer sends nothing, so the silence timeout also runs from the start) and lags
     * the network by the adaptive jitter buffer's delay (it starts at the configured jitter delay, 60 ms by
     * default, grows at once when packets come late and shrinks slowly during silence, within 20..200 ms).
     * The output always receives 8 kHz samples: a 16 kHz leg's frames are downsampled on the writer thread.
     * A terminator key ends it with {@link RecordStop#KEY} and is not
     * reported as a {@link MediaEvent.Dtmf} (so it is not taken as type-ahead); other keys are reported.
     */
    Recorder record(RecordSpec spec, PcmOutput output);

    /** Stops the recording, if any (RecordDone with {@link RecordStop#STOPPED}). */
    void stopRecord();

    /** This leg's counters now. Thread-safe. */
    LegStats stats();

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
