package postbox.media;

/** What a leg tells its call, through {@link MediaLeg#events()}. */
public sealed interface MediaEvent {

    /**
     * A DTMF key, reported once per key press: at its start for an RFC 4733 telephone-event, after about 40 ms
     * of the tone pair when detected in band (peers that offered no telephone-event).
     */
    record Dtmf(char digit) implements MediaEvent {
    }

    /** Playback {@code playId} ended: ran out, or was interrupted by a key (barge-in) or by a new play/stop. */
    record PlayDone(long playId, boolean interrupted) implements MediaEvent {
    }

    /**
     * Recording {@code recordId} stopped (its audio may still be draining: wait on {@link Recorder#drained()}).
     *
     * @param samples        samples recorded
     * @param voicedSamples  samples up to the end of the last frame above the silence threshold
     */
    record RecordDone(long recordId, RecordStop reason, long samples, long voicedSamples) implements MediaEvent {
    }

    /** The keys of {@link MediaLeg#sendDigits} call {@code id} have all been sent. */
    record DigitsSent(long id) implements MediaEvent {
    }

    /** No RTP arrived for the configured timeout (30 s by default) while the peer should be sending. */
    record RtpTimeout() implements MediaEvent {
    }

    /**
     * The call ended on the SIP side (posted by the server, not by the tick), or the engine had to release the
     * leg because its tick failed.
     */
    record Hangup() implements MediaEvent {
    }
}
