package postbox.ivr.voicemail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.ivr.FakeCall;
import postbox.ivr.voicemail.VoicemailFixture.Stored;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.PinCheck;

class CollectFlowTest {

    /** Login as 201 and ask for the messages, all typed ahead. */
    private static final String LOGIN_AND_GET = "201#1793#2";

    @TempDir
    Path root;
    private VoicemailFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new VoicemailFixture(root);
    }

    private void collect(FakeCall call) {
        new CollectFlow(fixture.voicemail, Optional.empty()).run(call);
        assertThat(call.scriptDone()).as("every scripted key was used").isTrue();
    }

    /** The labels heard that are headers ("message") or bodies ("message:<id>"). */
    private static List<String> headersAndBodies(FakeCall call) {
        return call.heard().stream().filter(label -> label.equals("message") || label.startsWith("message:"))
                .toList();
    }

    @Test
    void loginWithMailboxAndPinReachesTheMainMenu() {
        FakeCall call = fixture.call("").pressWhen("enter-mailbox", "201#").pressWhen("enter-pin", "1793#")
                .pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).containsExactly("enter-mailbox", "enter-pin", "welcome", "main-menu", "goodbye");
        assertThat(call.flowHungUp()).isTrue();
    }

    @Test
    void starStarNineHangsUpToo() {
        FakeCall call = fixture.call("").typeAhead("201#1793#**9");

        collect(call);

        assertThat(call.heard()).containsExactly("goodbye");
        assertThat(call.flowHungUp()).isTrue();
    }

    @Test
    void threeWrongPinsSayGoodbye() {
        FakeCall call = fixture.call("").pressWhen("enter-mailbox", "201#").pressWhen("enter-pin", "1111#")
                .pressWhen("enter-mailbox", "201#").pressWhen("enter-pin", "2222#")
                .pressWhen("enter-mailbox", "201#").pressWhen("enter-pin", "3333#");

        collect(call);

        assertThat(call.heard()).containsExactly("enter-mailbox", "enter-pin", "login-incorrect",
                "enter-mailbox", "enter-pin", "login-incorrect", "enter-mailbox", "enter-pin", "login-incorrect",
                "goodbye");
        assertThat(call.flowHungUp()).isTrue();
        // the directory counted them: two more failures lock the mailbox
        fixture.mailboxes.verifyPin("201", "0000");
        assertThat(fixture.mailboxes.verifyPin("201", "0000")).isEqualTo(PinCheck.WRONG);
        assertThat(fixture.mailboxes.verifyPin("201", "1793")).isEqualTo(PinCheck.LOCKED);
    }

    @Test
    void anUnknownMailboxSoundsLikeAWrongPin() {
        FakeCall call = fixture.call("").typeAhead("999#1793#").pressWhen("enter-mailbox", "201#")
                .pressWhen("enter-pin", "1793#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).containsExactly("login-incorrect", "enter-mailbox", "enter-pin", "welcome",
                "main-menu", "goodbye");
    }

    @Test
    void keysTypedAheadBeforeAWrongPinAreDropped() {
        FakeCall call = fixture.call("").typeAhead("201#1111#2").pressWhen("enter-mailbox", "201#")
                .pressWhen("enter-pin", "1793#").pressWhen("main-menu", "*7");

        collect(call);

        // the "2" typed after the wrong PIN did not become the next mailbox number
        assertThat(call.heard()).startsWith("login-incorrect", "enter-mailbox", "enter-pin", "welcome");
    }

    @Test
    void aLockedMailboxSaysSoAndGoodbye() {
        for (int i = 0; i < 5; i++) {
            fixture.mailboxes.verifyPin("201", "0000");
        }
        FakeCall call = fixture.call("").typeAhead("201#1793#");

        collect(call);

        assertThat(call.heard()).containsExactly("mailbox-locked", "goodbye");
        assertThat(call.flowHungUp()).isTrue();
    }

    @Test
    void aKnownMailboxAsksOnlyItsPin() {
        FakeCall call = fixture.call("201").pressWhen("enter-pin", "2684#").pressWhen("enter-pin", "1793#")
                .pressWhen("main-menu", "*7");

        new CollectFlow(fixture.voicemail, Optional.of("201")).run(call);

        assertThat(call.heard()).containsExactly("enter-pin", "login-incorrect", "enter-pin", "welcome",
                "main-menu", "goodbye");
    }

    @Test
    void noInputAtLoginEndsAfterThreeTries() {
        FakeCall call = fixture.call("");

        collect(call);

        assertThat(call.heard()).containsExactly("enter-mailbox", "enter-mailbox", "enter-mailbox", "goodbye");
    }

    @Test
    void headersThenBodiesNewFirstThenOldAndSavedOldestFirst() throws IOException {
        Stored saved = fixture.leave("201", "203", 1, MessageState.SAVED);
        Stored firstNew = fixture.leave("201", "202", 2);
        Stored old = fixture.leave("201", "", 1, MessageState.OLD);
        Stored secondNew = fixture.leave("201", "204", 1);
        fixture.leave("201", "205", 1, MessageState.DELETED);
        fixture.leave("202", "201", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen("message-options", "#")
                .pressWhen("message-options", "#").pressWhen("message-options", "#")
                .pressWhen("message-options", "#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(headersAndBodies(call)).containsExactly("message", firstNew.label(), "message",
                secondNew.label(), "message", saved.label(), "message", old.label());
        // "you have 2 new messages and 2 saved messages. message 1, from 2 0 2, received today at 2 16 P M"
        assertThat(call.heard()).startsWith("you-have", "num-2", "new-messages", "and", "num-2", "saved-messages",
                "message", "num-1", "from", "num-2", "num-0", "num-2", "received", "today", "at", "num-2",
                "num-16", "time-pm", firstNew.label(), "message-options");
        assertThat(call.heard()).containsSubsequence("message", "num-4", "from", "unknown-caller");
        assertThat(call.heard()).endsWith("no-more-messages", "main-menu", "goodbye");
        assertThat(call.audio(firstNew.label())).isEqualTo(firstNew.audio());
        // "#" keeps a message as old; saved and old ones stay as they were
        assertThat(fixture.state("201", firstNew)).isEqualTo(MessageState.OLD);
        assertThat(fixture.state("201", secondNew)).isEqualTo(MessageState.OLD);
        assertThat(fixture.state("201", saved)).isEqualTo(MessageState.SAVED);
        assertThat(fixture.state("201", old)).isEqualTo(MessageState.OLD);
    }

    @Test
    void starThreeDeletes() throws IOException {
        Stored message = fixture.leave("201", "202", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen(message.label(), "*3")
                .pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).containsSubsequence(message.label(), "message-deleted", "no-more-messages");
        assertThat(fixture.state("201", message)).isEqualTo(MessageState.DELETED);
        assertThat(fixture.messages.counts("201").newCount()).isZero();
    }

    @Test
    void sevenSaves() throws IOException {
        Stored message = fixture.leave("201", "202", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen("message-options", "7")
                .pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).containsSubsequence("message-options", "message-saved", "no-more-messages");
        assertThat(fixture.state("201", message)).isEqualTo(MessageState.SAVED);
    }

    @Test
    void zeroReplaysHeaderAndBody() throws IOException {
        Stored message = fixture.leave("201", "202", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen(message.label(), "0")
                .pressWhen("message-options", "#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(headersAndBodies(call)).containsExactly("message", message.label(), "message", message.label());
        assertThat(fixture.state("201", message)).isEqualTo(MessageState.OLD);
    }

    @Test
    void starTwoGoesBackToThePreviousMessageAsItIsNow() throws IOException {
        Stored first = fixture.leave("201", "202", 1);
        Stored second = fixture.leave("201", "203", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen(first.label(), "*3")
                .pressWhen(second.label(), "*2").pressWhen(first.label(), "7").pressWhen(second.label(), "#")
                .pressWhen("main-menu", "*7");

        collect(call);

        assertThat(headersAndBodies(call)).containsExactly("message", first.label(), "message", second.label(),
                "message", first.label(), "message", second.label());
        // deleted, then found again with *2 and saved: recovered
        assertThat(fixture.state("201", first)).isEqualTo(MessageState.SAVED);
        assertThat(fixture.state("201", second)).isEqualTo(MessageState.OLD);
        assertThat(call.heard()).containsSubsequence("message-deleted", "message-saved", "no-more-messages");
    }

    @Test
    void fiveAndSixMoveFiveSecondsBackAndOnInTheBodyFromWhereTheCallerWas() throws IOException {
        Stored message = fixture.leave("201", "202", 12);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET)
                .pressWhen(message.label(), "6", Duration.ofSeconds(2))   // at 2 s: on to 7 s
                .pressWhen(message.label(), "5", Duration.ofSeconds(1))   // at 8 s: back to 3 s
                .pressWhen("message-options", "6")                      // after the end: stays at the end
                .pressWhen("message-options", "5")                      // the last 5 s
                .pressWhen("message-options", "#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.audioStarts()).containsExactly(message.label() + "@0", message.label() + "@7000",
                message.label() + "@3000", message.label() + "@12000", message.label() + "@7000");
        assertThat(headersAndBodies(call)).containsExactly("message", message.label(), message.label(),
                message.label(), message.label(), message.label());
        assertThat(fixture.state("201", message)).isEqualTo(MessageState.OLD);
    }

    @Test
    void fiveNearTheStartGoesBackToTheStart() throws IOException {
        Stored message = fixture.leave("201", "202", 3);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET)
                .pressWhen(message.label(), "5", Duration.ofSeconds(2))
                .pressWhen("message-options", "#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.audioStarts()).containsExactly(message.label() + "@0", message.label() + "@0");
    }

    @Test
    void oneForwardsACopyToAnotherMailboxAsANewMessageFromThisOne() throws IOException {
        Stored message = fixture.leave("201", "300", 2);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen(message.label(), "1")
                .pressWhen("forward-to-mailbox", "299#").pressWhen("forward-to-mailbox", "202#")
                .pressWhen("message-options", "#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).containsSubsequence(message.label(), "forward-to-mailbox", "no-such-mailbox",
                "forward-to-mailbox", "message-forwarded", "message-options", "no-more-messages");
        assertThat(headersAndBodies(call)).as("not played again after forwarding")
                .containsExactly("message", message.label());
        MessageInfo copy = fixture.messages.list("202").getFirst();
        assertThat(copy.from()).isEqualTo("201");
        assertThat(copy.state()).isEqualTo(MessageState.NEW);
        assertThat(copy.durationMs()).isEqualTo(2000);
        assertThat(postbox.store.TestWavs.samples(fixture.messages.openAudio("202", copy.id())))
                .isEqualTo(message.audio());
        assertThat(fixture.state("201", message)).isEqualTo(MessageState.OLD);
    }

    @Test
    void starTwoOnTheFirstMessagePlaysItAgain() throws IOException {
        Stored only = fixture.leave("201", "202", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen("message-options", "*2")
                .pressWhen("message-options", "#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(headersAndBodies(call)).containsExactly("message", only.label(), "message", only.label());
        assertThat(fixture.state("201", only)).isEqualTo(MessageState.OLD);
    }

    @Test
    void aKeyDuringTheHeaderSkipsTheBody() throws IOException {
        Stored first = fixture.leave("201", "202", 1);
        Stored second = fixture.leave("201", "203", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen("from", "#")
                .pressWhen(second.label(), "#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(headersAndBodies(call)).containsExactly("message", "message", second.label());
        assertThat(fixture.state("201", first)).isEqualTo(MessageState.OLD);
    }

    @Test
    void keysTypedDuringTheWelcomeSkipTheMainMenu() throws IOException {
        fixture.leave("201", "202", 1);
        FakeCall call = fixture.call("").typeAhead("201#1793#").pressWhen("welcome", "2")
                .pressWhen("message-options", "#").pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).startsWith("welcome", "you-have", "num-1", "new-message", "message");
        assertThat(call.heard()).containsOnlyOnce("main-menu");
    }

    @Test
    void anEmptyMailboxSaysSoAndReturnsToTheMainMenu() {
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).containsExactly("you-have", "no-messages", "main-menu", "goodbye");
    }

    @Test
    void greetingsAndPersonalOptionsAreNotOfferedYet() {
        FakeCall call = fixture.call("").typeAhead("201#1793#3").pressWhen("main-menu", "4")
                .pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).containsExactly("invalid-option", "main-menu", "invalid-option", "main-menu",
                "goodbye");
    }

    @Test
    void aMessageHeardToItsEndBecomesOldAndNoAnswerReturnsToTheMainMenu() throws IOException {
        Stored message = fixture.leave("201", "202", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).endsWith(message.label(), "message-options", "message-options", "message-options",
                "main-menu", "goodbye");
        assertThat(fixture.state("201", message)).isEqualTo(MessageState.OLD);
    }

    @Test
    void aMessageCutShortByAKeyStaysNew() throws IOException {
        Stored message = fixture.leave("201", "202", 1);
        FakeCall call = fixture.call("").typeAhead(LOGIN_AND_GET).pressWhen(message.label(), "9")
                .pressWhen("main-menu", "*7");

        collect(call);

        assertThat(call.heard()).contains("invalid-option");
        assertThat(fixture.state("201", message)).isEqualTo(MessageState.NEW);
    }

    @Test
    void noAnswerAtTheMainMenuSaysGoodbye() {
        FakeCall call = fixture.call("").typeAhead("201#1793#");

        collect(call);

        assertThat(call.heard()).containsExactly("welcome", "main-menu", "main-menu", "main-menu", "goodbye");
        assertThat(call.flowHungUp()).isTrue();
    }
}
