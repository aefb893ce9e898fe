package postbox.ivr.voicemail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import postbox.ivr.Prompt;

/**
 * The fixed sentences of the voicemail flows, as phrase ids ({@code ENTER_PIN} → {@code enter-pin}); every
 * language's prompt library must hold them all. Immutable.
 */
public enum VoicemailPhrase {
    /** "please record your message after the tone." */
    RECORD_AFTER_TONE,
    /** "to listen to your message, press 1. to record it again, press 2. to send it, press hash." */
    LEAVE_OPTIONS,
    /** "your message is too short." */
    MESSAGE_TOO_SHORT,
    /** "no message was recorded." */
    NO_MESSAGE_RECORDED,
    /** "your message has been sent." */
    MESSAGE_SENT,
    /** "please hold while your call is transferred." */
    TRANSFERRING,
    /** "sorry, the transfer did not go through." */
    TRANSFER_FAILED,
    /** "welcome to your mailbox." */
    WELCOME,
    /** "please enter your mailbox number, followed by hash." */
    ENTER_MAILBOX,
    /** "please enter your password, followed by hash." */
    ENTER_PIN,
    /** "that is incorrect." */
    LOGIN_INCORRECT,
    /** "your mailbox is locked. please contact your administrator." */
    MAILBOX_LOCKED,
    /** "to get your messages, press 2. to hang up, press star 7." */
    MAIN_MENU,
    /** "next message, press hash. replay, press 0. save, press 7. delete, press star 3. previous message, press star 2." */
    MESSAGE_OPTIONS,
    /** "message deleted." */
    MESSAGE_DELETED,
    /** "message saved." */
    MESSAGE_SAVED,
    /** "to forward this message, enter the mailbox number, followed by hash." */
    FORWARD_TO_MAILBOX,
    /** "message forwarded." */
    MESSAGE_FORWARDED,
    /** "there is no such mailbox." */
    NO_SUCH_MAILBOX,
    /** "no more messages." */
    NO_MORE_MESSAGES,
    /** "that is not a valid option." */
    INVALID_OPTION,
    /** "sorry, something went wrong. please try again later." */
    SYSTEM_ERROR,
    /** "goodbye." */
    GOODBYE;

    private final Prompt prompt = Prompt.phrase(name().toLowerCase(Locale.ROOT).replace('_', '-'));

    /** This sentence as a prompt. */
    public Prompt prompt() {
        return prompt;
    }

    /** The phrase ids of all the sentences. */
    public static Set<String> ids() {
        return Arrays.stream(values()).map(phrase -> phrase.prompt.label()).collect(Collectors.toUnmodifiableSet());
    }
}
