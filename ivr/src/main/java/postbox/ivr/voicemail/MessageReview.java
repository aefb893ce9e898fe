package postbox.ivr.voicemail;

import static postbox.ivr.voicemail.VoicemailPhrase.MESSAGE_DELETED;
import static postbox.ivr.voicemail.VoicemailPhrase.MESSAGE_OPTIONS;
import static postbox.ivr.voicemail.VoicemailPhrase.MESSAGE_SAVED;
import static postbox.ivr.voicemail.VoicemailPhrase.NO_MORE_MESSAGES;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import postbox.ivr.Call;
import postbox.ivr.Choice;
import postbox.ivr.Menu;
import postbox.ivr.Prompt;
import postbox.store.MessageCounts;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Get messages (main menu {@code 2}): the counts, then each message — new ones first, then old and saved ones,
 * each oldest first — as its header and body, with {@code #} next, {@code *3} delete, {@code 7} save,
 * {@code 0} replay, {@code *2} previous (the first message: itself again), {@code 5} back 5 s and {@code 6} on 5 s
 * in its body (without the header), {@code 1} forward to a mailbox ({@link MessageForwarding}), during or after it. A new message heard to
 * its end, or skipped with {@code #}, becomes old. Without an answer it returns to the main menu. Blocking, on the
 * call's thread.
 */
final class MessageReview {

    private static final Logger log = LoggerFactory.getLogger(MessageReview.class);

    /** How far {@code 5} and {@code 6} move in a message. */
    private static final Duration SKIP = Duration.ofSeconds(5);

    /** Where the caller goes after a message. */
    private enum Step { NEXT, PREVIOUS, STOP }

    private final Voicemail voicemail;
    private final String mailbox;
    private final Menu options;
    private final MessageForwarding forwarding;

    MessageReview(Voicemail voicemail, String mailbox) {
        this.voicemail = voicemail;
        this.mailbox = mailbox;
        this.options = voicemail.menu(MESSAGE_OPTIONS, "#", "*3", "7", "0", "*2", "5", "6", "1");
        this.forwarding = new MessageForwarding(voicemail, mailbox);
    }

    /** Goes through the messages; returns to the main menu after the last one or when the caller stops. */
    void run(Call call) {
        MessageStore store = voicemail.messages();
        MessageCounts counts = store.counts(mailbox);
        // "you have 2 new messages and 1 saved message."
        call.play(voicemail.phrases().messageCounts(counts.newCount(), counts.oldCount() + counts.savedCount()));
        List<MessageInfo> messages = listeningOrder(store.list(mailbox));
        int i = 0;
        while (i < messages.size()) {
            switch (review(call, i + 1, messages.get(i))) {
                case NEXT -> i++;
                case PREVIOUS -> i = Math.max(0, i - 1);
                case STOP -> {
                    return;
                }
            }
        }
        if (!messages.isEmpty()) {
            // "no more messages."
            call.play(NO_MORE_MESSAGES.prompt());
        }
    }

    /** New first, then old and saved; each group oldest first (the store lists oldest first). */
    private static List<MessageInfo> listeningOrder(List<MessageInfo> all) {
        List<MessageInfo> order = new ArrayList<>();
        all.stream().filter(message -> message.state() == MessageState.NEW).forEach(order::add);
        all.stream().filter(message -> message.state() == MessageState.OLD || message.state() == MessageState.SAVED)
                .forEach(order::add);
        return order;
    }

    /** Plays one message until the caller moves on; {@link Step#STOP} when they gave no answer. */
    private Step review(Call call, int position, MessageInfo message) {
        List<Prompt> header = voicemail.phrases().messageHeader(position, message.from(), message.receivedAt());
        Prompt.Audio body = Prompt.audio("message:" + message.id(),
                () -> voicemail.messages().openAudio(mailbox, message.id()));
        Duration length = Duration.ofMillis(message.durationMs());
        // as it is now: a message the caller came back to with *2 may have been heard, saved or deleted since
        MessageState state = voicemail.messages().find(mailbox, message.id()).map(MessageInfo::state)
                .orElse(message.state());
        boolean play = true;
        boolean withHeader = true;
        Duration from = Duration.ZERO;
        Duration reached = Duration.ZERO;
        while (true) {
            // "message 3, from 2 0 2, received today at 2 15 P M." <body>
            if (play) {
                reached = from;
                if (!withHeader || call.play(header)) {
                    Call.Heard heard = call.playAudio(body.from(from));
                    reached = heard.position();
                    if (heard.toEnd() && state == MessageState.NEW) {
                        state = setState(message, MessageState.OLD); // heard to its end: no longer new (MWI off)
                    }
                }
            }
            play = true;
            // "next message, press hash. replay, press 0. … previous message, press star 2."
            if (!(options.ask(call) instanceof Choice.Selected(String keys))) {
                return Step.STOP;
            }
            switch (keys) {
                case "#", "*2" -> {
                    if (state == MessageState.NEW) {
                        setState(message, MessageState.OLD);
                    }
                    return keys.equals("#") ? Step.NEXT : Step.PREVIOUS;
                }
                case "*3" -> {
                    setState(message, MessageState.DELETED);
                    // "message deleted."
                    call.play(MESSAGE_DELETED.prompt());
                    return Step.NEXT;
                }
                case "7" -> {
                    setState(message, MessageState.SAVED);
                    // "message saved."
                    call.play(MESSAGE_SAVED.prompt());
                    return Step.NEXT;
                }
                case "1" -> {
                    forward(call, message);
                    play = false; // back to the options
                }
                case "5", "6" -> { // the body again, 5 s back or on from where the caller was (at most its end)
                    withHeader = false;
                    Duration moved = keys.equals("5") ? reached.minus(SKIP) : reached.plus(SKIP);
                    from = moved.isNegative() ? Duration.ZERO : moved.compareTo(length) > 0 ? length : moved;
                }
                default -> { // "0": replay, header and body again
                    withHeader = true;
                    from = Duration.ZERO;
                }
            }
        }
    }

    private void forward(Call call, MessageInfo message) {
        try {
            forwarding.run(call, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MessageState setState(MessageInfo message, MessageState state) {
        try {
            voicemail.messages().setState(mailbox, message.id(), state);
            log.info("mailbox {}: message {} -> {}", mailbox, message.id(), state);
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
