package postbox.ivr.voicemail;

import static postbox.ivr.voicemail.VoicemailPhrase.GOODBYE;
import static postbox.ivr.voicemail.VoicemailPhrase.LEAVE_OPTIONS;
import static postbox.ivr.voicemail.VoicemailPhrase.MESSAGE_SENT;
import static postbox.ivr.voicemail.VoicemailPhrase.MESSAGE_TOO_SHORT;
import static postbox.ivr.voicemail.VoicemailPhrase.NO_MESSAGE_RECORDED;
import static postbox.ivr.voicemail.VoicemailPhrase.RECORD_AFTER_TONE;
import static postbox.ivr.voicemail.VoicemailPhrase.SYSTEM_ERROR;
import static postbox.ivr.voicemail.VoicemailPhrase.TRANSFERRING;
import static postbox.ivr.voicemail.VoicemailPhrase.TRANSFER_FAILED;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import postbox.ivr.Call;
import postbox.ivr.CallFlow;
import postbox.ivr.Choice;
import postbox.ivr.HangupException;
import postbox.ivr.Menu;
import postbox.ivr.Prompt;
import postbox.ivr.Recording;
import postbox.media.Frames;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.store.Deposit;
import postbox.store.DepositInfo;
import postbox.store.GreetingKind;
import postbox.store.MessageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leave a message (SPEC section 3): the mailbox's greeting by priority (temporary &gt; busy or no answer, as the
 * call was diverted &gt; default &gt; the system greeting with the recorded name or the number), {@code *} during
 * it to collect this mailbox, {@code 0} to be transferred to the mailbox's reception (when it has one; a failed
 * transfer is said and the caller goes on to leave a message), then the tone and the recording (until {@code #}, silence, the maximum length (the
 * mailbox's own, else the call-flow setting) or a hangup), {@code #} for the options (1 listen, 2 re-record, # send). A hangup keeps a message with at least the
 * minimum of voiced audio. One instance per call; blocking, on the call's thread.
 */
public final class LeaveFlow implements CallFlow {

    private static final Logger log = LoggerFactory.getLogger(LeaveFlow.class);
    private static final Prompt TONE = Prompt.tone(1000, Duration.ofMillis(400));
    /** Silence kept after the last voiced frame, so a message does not end abruptly (0.5 s). */
    private static final long TAIL_SAMPLES = Frames.RATE / 2;

    private final Voicemail voicemail;
    private final String mailbox;
    private final GreetingKind divertReason;

    /**
     * @param voicemail    stores, phrases, settings
     * @param mailbox      the mailbox the message is for (the server has checked it exists)
     * @param divertReason {@link GreetingKind#BUSY} or {@link GreetingKind#NOANSWER} when the PBX diverted the
     *                     call for that reason, else null
     */
    public LeaveFlow(Voicemail voicemail, String mailbox, GreetingKind divertReason) {
        if (divertReason != null && divertReason != GreetingKind.BUSY && divertReason != GreetingKind.NOANSWER) {
            throw new IllegalArgumentException("a call is diverted busy or no-answer, not " + divertReason);
        }
        this.voicemail = voicemail;
        this.mailbox = mailbox;
        this.divertReason = divertReason;
    }

    @Override
    public void run(Call call) {
        // e.g. "the person at extension 2 0 1 is not available. please leave your message after the tone."
        call.play(greeting());
        Optional<Character> breakout = call.readKey(Duration.ZERO);
        if (breakout.filter(key -> key == '*').isPresent()) {
            // "*" during the greeting: the owner collects their messages (PIN only)
            new CollectFlow(voicemail, Optional.of(mailbox)).run(call);
            return;
        }
        Optional<String> reception = voicemail.mailboxes().find(mailbox)
                .flatMap(box -> box.preferences().receptionNumber());
        if (breakout.filter(key -> key == '0').isPresent() && reception.isPresent()) {
            // "0" during the greeting: to reception. "please hold while your call is transferred."
            call.playWhole(List.of(TRANSFERRING.prompt()));
            if (call.transfer(reception.get())) {
                return;
            }
            // "sorry, the transfer did not go through." then the message, as if nothing was pressed
            call.playWhole(List.of(TRANSFER_FAILED.prompt()));
        }
        call.discardKeys();
        DepositInfo info = new DepositInfo(mailbox, call.callerNumber(), voicemail.settings().clock().instant());
        try (Deposit deposit = voicemail.messages().begin(info)) {
            deposit(call, deposit);
        } catch (IOException | UncheckedIOException e) {
            log.error("mailbox {}: cannot store the message", mailbox, e);
            // "sorry, something went wrong. please try again later. goodbye."
            call.play(SYSTEM_ERROR.prompt(), GOODBYE.prompt());
            call.hangup();
        }
    }

    /**
     * Records, offers the options, and files the message; a hangup keeps what was recorded if long enough. Once the
     * message is filed, a hangup during the goodbye changes nothing.
     */
    private void deposit(Call call, Deposit deposit) throws IOException {
        Recording take = null;
        try {
            call.playWhole(List.of(TONE));
            take = record(call, deposit);
            while (take.reason() == RecordStop.KEY) {
                Optional<Recording> retake = options(call, deposit, take);
                if (retake.isEmpty()) {
                    break; // send it
                }
                take = retake.get();
            }
        } catch (HangupException e) {
            keepIfLongEnough(deposit, take, "hangup after recording");
            throw e;
        }
        switch (take.reason()) {
            case CLOSED -> keepIfLongEnough(deposit, take, "hangup while recording");
            case ERROR -> throw new IOException("the recording failed");
            default -> finish(call, deposit, take); // sent with #, silence, maximum length
        }
    }

    /** The options after {@code #}: empty to send this take, or the take recorded again. */
    private Optional<Recording> options(Call call, Deposit deposit, Recording take) throws IOException {
        Menu options = voicemail.menu(LEAVE_OPTIONS, "1", "2", "#");
        while (true) {
            // "to listen to your message, press 1. to record it again, press 2. to send it, press hash."
            Choice choice = options.ask(call);
            switch (choice instanceof Choice.Selected(String keys) ? keys : "no answer") {
                case "1" -> call.play(Prompt.audio("deposit:" + deposit.id(), deposit::openAudio));
                case "2" -> {
                    // "please record your message after the tone." beep
                    call.play(RECORD_AFTER_TONE.prompt());
                    return Optional.of(rerecord(call, deposit));
                }
                case "#" -> {
                    if (longEnough(take)) {
                        return Optional.empty();
                    }
                    // "your message is too short. please record your message after the tone." beep
                    call.play(MESSAGE_TOO_SHORT.prompt(), RECORD_AFTER_TONE.prompt());
                    return Optional.of(rerecord(call, deposit));
                }
                default -> {
                    return Optional.empty(); // no valid answer: send it, as a hangup would
                }
            }
        }
    }

    private Recording record(Call call, Deposit deposit) {
        RecordSpec spec = new RecordSpec(voicemail.maxMessage(mailbox), voicemail.settings().silenceTimeout(), "#",
                RecordSpec.DEFAULT_THRESHOLD_DBFS);
        return call.record(spec, new DepositOutput(deposit));
    }

    /** The tone, then the previous take is dropped and a new one recorded. */
    private Recording rerecord(Call call, Deposit deposit) throws IOException {
        call.playWhole(List.of(TONE));
        deposit.restart();
        return record(call, deposit);
    }

    /** Sends the message when it is long enough, says so, and hangs up. */
    private void finish(Call call, Deposit deposit, Recording take) throws IOException {
        if (longEnough(take)) {
            commit(deposit, take, "sent");
            // "your message has been sent. goodbye."
            call.play(MESSAGE_SENT.prompt(), GOODBYE.prompt());
        } else {
            deposit.abort();
            log.info("mailbox {}: no message (only {} ms voiced)", mailbox, Frames.millis(take.voicedSamples()));
            // "no message was recorded. goodbye."
            call.play(NO_MESSAGE_RECORDED.prompt(), GOODBYE.prompt());
        }
        call.hangup();
    }

    private void keepIfLongEnough(Deposit deposit, Recording take, String why) throws IOException {
        if (take != null && longEnough(take)) {
            commit(deposit, take, "kept on " + why);
        } else {
            deposit.abort();
            log.info("mailbox {}: message dropped on {} (too short)", mailbox, why);
        }
    }

    private boolean longEnough(Recording take) {
        return take.voicedSamples() >= voicemail.settings().minMessageSamples();
    }

    /** Files the take without its trailing silence (a short tail stays). */
    private void commit(Deposit deposit, Recording take, String how) throws IOException {
        long keep = Math.min(Math.min(take.samples(), deposit.samples()), take.voicedSamples() + TAIL_SAMPLES);
        MessageInfo message = deposit.commit(keep);
        log.info("mailbox {}: message {} {} ({} ms, from '{}')", mailbox, message.id(), how, message.durationMs(),
                message.from());
    }

    /** The greeting by priority; a greeting that cannot be read is skipped. */
    private List<Prompt> greeting() {
        List<GreetingKind> priority = new ArrayList<>();
        priority.add(GreetingKind.TEMPORARY);
        if (divertReason != null) {
            priority.add(divertReason);
        }
        priority.add(GreetingKind.DEFAULT);
        for (GreetingKind kind : priority) {
            Optional<Prompt> greeting = stored(kind);
            if (greeting.isPresent()) {
                return List.of(greeting.get());
            }
        }
        return voicemail.phrases().systemGreeting(mailbox, stored(GreetingKind.NAME));
    }

    private Optional<Prompt> stored(GreetingKind kind) {
        try {
            Optional<InputStream> audio = voicemail.greetings().open(mailbox, kind);
            if (audio.isEmpty()) {
                return Optional.empty();
            }
            audio.get().close();
        } catch (IOException e) {
            log.warn("mailbox {}: cannot read the {} greeting, skipping it", mailbox, kind.token(), e);
            return Optional.empty();
        }
        return Optional.of(Prompt.audio("greeting:" + mailbox + "/" + kind.token(),
                () -> voicemail.greetings().open(mailbox, kind)
                        .orElseThrow(() -> new IOException("the " + kind.token() + " greeting has gone"))));
    }
}
