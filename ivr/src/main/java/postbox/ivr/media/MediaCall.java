package postbox.ivr.media;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import postbox.ivr.Call;
import postbox.ivr.HangupException;
import postbox.ivr.Prompt;
import postbox.ivr.Recording;
import postbox.ivr.Transfer;
import postbox.ivr.prompt.PromptLibrary;
import postbox.media.MediaEvent;
import postbox.media.MediaLeg;
import postbox.media.MediaSource;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Call} over a media leg: commands are posted to the leg, and the call's thread blocks on the leg's
 * events (never polls in a loop). DTMF goes to the type-ahead buffer; PlayDone and RecordDone are matched by
 * id (stale ones, from playbacks replaced or stopped earlier, are ignored); Hangup and RtpTimeout end the call.
 * Blocking, on the call's own thread (the only thread that may use it); the leg stays the server's to close.
 */
public final class MediaCall implements Call {

    private static final Logger log = LoggerFactory.getLogger(MediaCall.class);
    /** How long a stopped recording may take to reach its output before it counts as failed. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private final MediaLeg leg;
    private final String callerNumber;
    private final PromptLibrary prompts;
    private final Transfer transfer;
    private final BlockingQueue<MediaEvent> events;
    private final Deque<Character> typeAhead = new ArrayDeque<>();
    private String ended;

    /**
     * @param leg          the call's media, connected (or about to be) by the server
     * @param callerNumber the caller as shown to users, empty when unknown
     * @param prompts      the caller's language
     */
    public MediaCall(MediaLeg leg, String callerNumber, PromptLibrary prompts) {
        this(leg, callerNumber, prompts, Transfer.NONE);
    }

    /**
     * @param leg          the call's media, connected (or about to be) by the server
     * @param callerNumber the caller as shown to users, empty when unknown
     * @param prompts      the caller's language
     * @param transfer     how the call is handed to another number
     */
    public MediaCall(MediaLeg leg, String callerNumber, PromptLibrary prompts, Transfer transfer) {
        this.leg = leg;
        this.callerNumber = callerNumber;
        this.prompts = prompts;
        this.transfer = transfer;
        this.events = leg.events();
    }

    @Override
    public String callerNumber() {
        return callerNumber;
    }

    @Override
    public boolean play(List<Prompt> list) {
        requireLive();
        if (!typeAhead.isEmpty()) {
            return false;
        }
        return list.isEmpty() || awaitPlay(leg.play(prompts.source(list, leg.sampleRate()), true));
    }

    @Override
    public void playWhole(List<Prompt> list) {
        requireLive();
        if (!list.isEmpty()) {
            awaitPlay(leg.play(prompts.source(list, leg.sampleRate()), false));
        }
    }

    /** {@inheritDoc} The position is the start plus the time the playback ran, measured on this thread. */
    @Override
    public Heard playAudio(Prompt.Audio audio) {
        requireLive();
        if (!typeAhead.isEmpty()) {
            return new Heard(false, audio.from());
        }
        MediaSource source = prompts.source(List.of(audio), leg.sampleRate()); // opens and reads ahead: not heard yet
        long started = System.nanoTime();
        boolean toEnd = awaitPlay(leg.play(source, true));
        return new Heard(toEnd, audio.from().plusNanos(System.nanoTime() - started));
    }

    /** Waits for the playback's end; true when it ran to its end. */
    private boolean awaitPlay(long playId) {
        while (true) {
            if (take() instanceof MediaEvent.PlayDone done && done.playId() == playId) {
                return !done.interrupted();
            }
        }
    }

    /** {@inheritDoc} Keys pressed while the transfer is under way are dropped. */
    @Override
    public boolean transfer(String number) {
        requireLive();
        boolean transferred = transfer.to(number);
        typeAhead.clear();
        log.info("call {}: transfer to {} {}", leg.callId(), number, transferred ? "done" : "failed");
        return transferred;
    }

    @Override
    public Optional<Character> readKey(Duration timeout) {
        requireLive();
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (typeAhead.isEmpty()) {
            // a zero wait still takes the events already queued
            MediaEvent event = poll(Math.max(0, deadlineNanos - System.nanoTime()));
            if (event == null) {
                return Optional.empty();
            }
            handle(event);
        }
        return Optional.of(typeAhead.poll());
    }

    @Override
    public void discardKeys() {
        typeAhead.clear();
    }

    @Override
    public Recording record(RecordSpec spec, PcmOutput output) {
        requireLive();
        Recorder recorder = leg.record(spec, output);
        MediaEvent.RecordDone done = awaitRecordDone(recorder.id());
        if (done.reason() == RecordStop.CLOSED) {
            endWhileRecording("the media leg was closed");
        }
        long written = drained(recorder);
        RecordStop reason = written < 0 ? RecordStop.ERROR : ended != null ? RecordStop.CLOSED : done.reason();
        long samples = written < 0 ? done.samples() : written;
        log.debug("call {}: recorded {} samples ({} voiced), {}", leg.callId(), samples, done.voicedSamples(),
                reason);
        return new Recording(reason, samples, Math.min(done.voicedSamples(), samples));
    }

    /** Waits for the recording's end; keys meanwhile are dropped, a hangup stops it (its audio is kept). */
    private MediaEvent.RecordDone awaitRecordDone(long recordId) {
        while (true) {
            switch (takeEvent()) {
                case MediaEvent.RecordDone done when done.recordId() == recordId -> {
                    return done;
                }
                case MediaEvent.Hangup hangup -> endWhileRecording("caller hung up");
                case MediaEvent.RtpTimeout timeout -> endWhileRecording("no RTP from the caller");
                case MediaEvent event -> log.debug("call {}: {} while recording, not kept", leg.callId(), event);
            }
        }
    }

    /** Ends the call but lets the recording stop and drain, so that the message can be kept. */
    private void endWhileRecording(String why) {
        if (ended == null) {
            ended = why;
            log.info("call {}: {} while recording", leg.callId(), why);
            leg.stopRecord();
        }
    }

    /** Waits for every sample to reach the output; the count, or -1 when writing failed. */
    private long drained(Recorder recorder) {
        try {
            return recorder.drained().get(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.error("call {}: the recording did not reach its output", leg.callId(), e);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw end("interrupted");
        }
    }

    @Override
    public void hangup() {
        if (ended == null) {
            ended = "hung up by the flow";
            log.debug("call {}: {}", leg.callId(), ended);
            leg.stopPlay();
            leg.stopRecord();
        }
    }

    private void requireLive() {
        if (ended != null) {
            throw new HangupException(ended);
        }
    }

    /** The next event, after handling it (keys buffered; a hangup throws). */
    private MediaEvent take() {
        MediaEvent event = takeEvent();
        handle(event);
        return event;
    }

    private MediaEvent takeEvent() {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw end("interrupted");
        }
    }

    private MediaEvent poll(long timeoutNanos) {
        try {
            return events.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw end("interrupted");
        }
    }

    private void handle(MediaEvent event) {
        switch (event) {
            case MediaEvent.Dtmf dtmf -> typeAhead.add(dtmf.digit());
            case MediaEvent.Hangup hangup -> throw end("caller hung up");
            case MediaEvent.RtpTimeout timeout -> throw end("no RTP from the caller");
            case MediaEvent.PlayDone done -> log.trace("call {}: {}", leg.callId(), done);
            case MediaEvent.RecordDone done -> log.trace("call {}: {}", leg.callId(), done);
            case MediaEvent.DigitsSent sent -> log.trace("call {}: {}", leg.callId(), sent);
        }
    }

    private HangupException end(String why) {
        ended = why;
        log.info("call {}: {}", leg.callId(), why);
        return new HangupException(why);
    }
}
