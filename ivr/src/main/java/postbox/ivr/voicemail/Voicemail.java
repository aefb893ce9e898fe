package postbox.ivr.voicemail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import postbox.ivr.DigitEntry;
import postbox.ivr.Menu;
import postbox.ivr.Prompt;
import postbox.ivr.prompt.EnglishPhraseBook;
import postbox.ivr.prompt.PhraseBook;
import postbox.store.GreetingStore;
import postbox.store.MailboxDirectory;
import postbox.store.MessageStore;

/**
 * What the voicemail flows work with: the stores, the language's phrase book and the settings. One per node (or
 * per language), shared by all calls. Thread-safe (its parts are).
 *
 * @param currentSettings the settings as they are now (an admin may change some while the node runs); a flow reads
 *                        them when it needs them
 */
public record Voicemail(MessageStore messages, MailboxDirectory mailboxes, GreetingStore greetings,
                        PhraseBook phrases, Supplier<FlowSettings> currentSettings) {

    /** The longest mailbox number or PIN taken from the keypad. */
    private static final int MAX_ENTRY_KEYS = 20;

    /** Flows speaking English with fixed settings, saying times in the settings' zone. */
    public static Voicemail english(MessageStore messages, MailboxDirectory mailboxes, GreetingStore greetings,
                                    FlowSettings settings) {
        return english(messages, mailboxes, greetings, () -> settings);
    }

    /**
     * Flows speaking English with settings that may change, saying times in the zone of the settings they have at
     * the start (the zone and clock are the node's and do not change).
     */
    public static Voicemail english(MessageStore messages, MailboxDirectory mailboxes, GreetingStore greetings,
                                    Supplier<FlowSettings> settings) {
        FlowSettings now = settings.get();
        return new Voicemail(messages, mailboxes, greetings, new EnglishPhraseBook(now.zone(), now.clock()),
                settings);
    }

    /** The settings now. */
    public FlowSettings settings() {
        return currentSettings.get();
    }

    /**
     * The longest message {@code mailbox} takes now: its own preference when set, else the call-flow setting.
     */
    Duration maxMessage(String mailbox) {
        return mailboxes.find(mailbox).flatMap(box -> box.preferences().maxMessage())
                .orElseGet(() -> settings().maxMessage());
    }

    /**
     * Every phrase id the flows and the phrase book can produce: pass it to
     * {@link postbox.ivr.prompt.PromptLibrary#require} at start so a missing prompt fails the start, not a call.
     */
    public Set<String> phraseIds() {
        Set<String> ids = new HashSet<>(phrases.vocabulary());
        ids.addAll(VoicemailPhrase.ids());
        return Set.copyOf(ids);
    }

    /** A menu asking {@code question} (also on retries) with the settings' timeout and attempts. */
    Menu menu(VoicemailPhrase question, String... options) {
        FlowSettings settings = settings();
        return new Menu(List.of(question.prompt()), List.of(question.prompt()), Set.of(options),
                settings.menuTimeout(), settings.menuAttempts(), List.of(VoicemailPhrase.INVALID_OPTION.prompt()));
    }

    /** Keys ended by {@code #}, with the settings' timeout. */
    DigitEntry entry(VoicemailPhrase question) {
        return new DigitEntry(List.of(question.prompt()), '#', MAX_ENTRY_KEYS, settings().menuTimeout());
    }

    /** {@code prompts} followed by {@code more}. */
    static List<Prompt> concat(List<Prompt> prompts, Prompt... more) {
        List<Prompt> all = new ArrayList<>(prompts);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
