package postbox.ivr.voicemail;

import static postbox.ivr.voicemail.VoicemailPhrase.ENTER_MAILBOX;
import static postbox.ivr.voicemail.VoicemailPhrase.ENTER_PIN;
import static postbox.ivr.voicemail.VoicemailPhrase.GOODBYE;
import static postbox.ivr.voicemail.VoicemailPhrase.LOGIN_INCORRECT;
import static postbox.ivr.voicemail.VoicemailPhrase.MAILBOX_LOCKED;

import java.util.Optional;
import postbox.ivr.Call;
import postbox.store.PinCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailbox login: mailbox number {@code #} (unless known) and PIN {@code #}. A wrong PIN or an unknown mailbox
 * both say "that is incorrect" (which one is not revealed); after the settings' number of failed tries (3) or
 * on a locked mailbox it says goodbye and hangs up. Blocking, on the call's thread.
 */
final class Login {

    private static final Logger log = LoggerFactory.getLogger(Login.class);

    private final Voicemail voicemail;
    private final Optional<String> knownMailbox;

    Login(Voicemail voicemail, Optional<String> knownMailbox) {
        this.voicemail = voicemail;
        this.knownMailbox = knownMailbox;
    }

    /** The logged-in mailbox, or empty once the call has been sent away (goodbye, hung up). */
    Optional<String> run(Call call) {
        for (int tries = 0; tries < voicemail.settings().pinAttempts(); tries++) {
            // "please enter your mailbox number, followed by hash."
            Optional<String> mailbox = knownMailbox.or(() -> voicemail.entry(ENTER_MAILBOX).ask(call));
            // "please enter your password, followed by hash."
            Optional<String> pin = mailbox.isEmpty() ? Optional.empty() : voicemail.entry(ENTER_PIN).ask(call);
            if (pin.isEmpty()) {
                continue; // nothing typed: ask again
            }
            PinCheck check = voicemail.mailboxes().verifyPin(mailbox.get(), pin.get());
            log.info("login to mailbox {}: {}", mailbox.get(), check);
            switch (check) {
                case OK -> {
                    return mailbox;
                }
                case LOCKED -> {
                    // "your mailbox is locked. please contact your administrator. goodbye."
                    call.play(MAILBOX_LOCKED.prompt(), GOODBYE.prompt());
                    call.hangup();
                    return Optional.empty();
                }
                case WRONG, NO_MAILBOX -> {
                    // "that is incorrect."
                    call.discardKeys();
                    call.play(LOGIN_INCORRECT.prompt());
                }
            }
        }
        // "goodbye."
        call.play(GOODBYE.prompt());
        call.hangup();
        return Optional.empty();
    }
}
