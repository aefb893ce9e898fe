package postbox.ivr.voicemail;

import static postbox.ivr.voicemail.VoicemailPhrase.GOODBYE;
import static postbox.ivr.voicemail.VoicemailPhrase.MAIN_MENU;
import static postbox.ivr.voicemail.VoicemailPhrase.SYSTEM_ERROR;
import static postbox.ivr.voicemail.VoicemailPhrase.WELCOME;

import java.io.UncheckedIOException;
import java.util.Optional;
import postbox.ivr.Call;
import postbox.ivr.CallFlow;
import postbox.ivr.Choice;
import postbox.ivr.Menu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collect messages (SPEC section 4, first part): login (mailbox number unless known, PIN), then the main menu —
 * {@code 2} get messages, {@code *7} or {@code **9} hang up. Greetings ({@code 3}) and personal options
 * ({@code 4}) are not offered yet and count as invalid keys. One instance per call; blocking, on the call's
 * thread.
 */
public final class CollectFlow implements CallFlow {

    private static final Logger log = LoggerFactory.getLogger(CollectFlow.class);

    private final Voicemail voicemail;
    private final Optional<String> knownMailbox;

    /**
     * @param voicemail    stores, phrases, settings
     * @param knownMailbox the caller's own mailbox when recognised (a mailbox calling from the trusted PBX, or
     *                     {@code *} during its own greeting): only its PIN is asked
     */
    public CollectFlow(Voicemail voicemail, Optional<String> knownMailbox) {
        this.voicemail = voicemail;
        this.knownMailbox = knownMailbox;
    }

    @Override
    public void run(Call call) {
        try {
            Optional<String> mailbox = new Login(voicemail, knownMailbox).run(call);
            if (mailbox.isPresent()) {
                mainMenu(call, mailbox.get());
            }
        } catch (UncheckedIOException e) {
            log.error("cannot read or update the mailbox", e);
            // "sorry, something went wrong. please try again later. goodbye."
            call.play(SYSTEM_ERROR.prompt(), GOODBYE.prompt());
            call.hangup();
        }
    }

    private void mainMenu(Call call, String mailbox) {
        // "welcome to your mailbox."
        call.play(WELCOME.prompt());
        Menu menu = voicemail.menu(MAIN_MENU, "2", "*7", "**9");
        MessageReview review = new MessageReview(voicemail, mailbox);
        // "to get your messages, press 2. to hang up, press star 7."
        while (menu.ask(call) instanceof Choice.Selected(String keys) && keys.equals("2")) {
            review.run(call);
        }
        // star 7, star star 9, no answer or too many invalid keys: "goodbye."
        call.play(GOODBYE.prompt());
        call.hangup();
    }
}
