package postbox.ivr;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;

/**
 * One caller, as a call flow sees it. Blocking, on the call's own thread (one virtual thread per call); not
 * thread-safe. Keys (DTMF digits {@code 0-9 * # A-D}) go into a type-ahead buffer: a key stops a barge-in
 * playback and stays buffered for the next question, so a caller who knows the menus never waits for them.
 * Once the call has ended every blocking method throws {@link HangupException}.
 */
public interface Call {

    /** The caller's number (or SIP user) as shown to users; empty when unknown. */
    String callerNumber();

    /**
     * Plays {@code prompts} in order with barge-in: a key stops the playback (and stays buffered). When keys are
     * already buffered nothing is played. Returns when the playback ended.
     *
     * @return true when every prompt was played to its end; false when a key stopped or skipped it
     */
    boolean play(List<Prompt> prompts);

    /** {@link #play(List)} for a few prompts. */
    default boolean play(Prompt... prompts) {
        return play(List.of(prompts));
    }

    /**
     * Plays stored {@code audio} (from {@link Prompt.Audio#from()}) with barge-in, like {@link #play(List)}, and says
     * how far into it the caller got, so that a flow can skip back or on from there.
     */
    Heard playAudio(Prompt.Audio audio);

    /**
     * How much of some stored audio a caller heard.
     *
     * @param toEnd    whether it played to its end
     * @param position where the playback stopped, from the start of the audio (not of the playback); at most the
     *                 audio's length when it ran to its end, give or take a frame
     */
    record Heard(boolean toEnd, Duration position) {
    }

    /**
     * Plays {@code prompts} to the end whatever the caller presses (the record tone); keys pressed meanwhile are
     * buffered. Plays even when keys are buffered.
     */
    void playWhole(List<Prompt> prompts);

    /**
     * Takes the next key from the type-ahead buffer, waiting up to {@code timeout} for one.
     *
     * @return the key, or empty when none came in time
     */
    Optional<Character> readKey(Duration timeout);

    /** Empties the type-ahead buffer (after an invalid entry the keys typed ahead no longer make sense). */
    void discardKeys();

    /**
     * Records what the caller says into {@code output} until the spec stops it, and returns only once every
     * sample has reached {@code output}. Keys pressed while recording are not kept in the type-ahead buffer
     * (a terminator ends the recording; others are noise in it). A hangup while recording returns a
     * {@link Recording} with {@link postbox.media.RecordStop#CLOSED}; the next blocking call then throws.
     */
    Recording record(RecordSpec spec, PcmOutput output);

    /**
     * Transfers the caller to {@code number} (a blind transfer through the PBX); blocks until the outcome is known.
     *
     * @return true when the caller is now with {@code number}: the flow then returns (the call is released); false
     *         when the transfer failed and the call goes on
     */
    boolean transfer(String number);

    /**
     * Ends the call from our side: stops playback and recording; afterwards every blocking method throws
     * {@link HangupException}. The flow then returns and the thread running it releases the call (SIP BYE).
     */
    void hangup();
}
