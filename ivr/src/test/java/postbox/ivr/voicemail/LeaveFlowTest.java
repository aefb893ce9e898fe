package postbox.ivr.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import postbox.ivr.FakeCall;
import postbox.ivr.FakeCall.Take;
import postbox.ivr.HangupException;
import postbox.media.Frames;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.store.CallFlowSettings;
import postbox.store.GreetingKind;
import postbox.store.MailboxPreferences;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.TestWavs;

class LeaveFlowTest {

    private static final List<String> SYSTEM_GREETING = List.of("person-at-extension", "num-2", "num-0", "num-1",
            "is-not-available", "leave-after-tone");
    private static final String TONE = "tone:1000";
    /** Trailing silence kept after the last voiced sample. */
    private static final int TAIL = Frames.RATE / 2;

    @TempDir
    Path root;
    private VoicemailFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new VoicemailFixture(root);
    }

    private static Take take(double voicedSeconds, double silentSeconds, RecordStop reason, int amplitude) {
        return Take.of(Duration.ofMillis((long) (voicedSeconds * 1000)),
                Duration.ofMillis((long) (silentSeconds * 1000)), reason, amplitude);
    }

    private void leave(FakeCall call) {
        try {
            new LeaveFlow(fixture.voicemail, "201", null).run(call);
        } finally {
            assertThat(call.scriptDone()).as("every scripted key and take was used").isTrue();
        }
    }

    private List<MessageInfo> stored() {
        return fixture.messages.list("201");
    }

    private short[] storedAudio(MessageInfo message) throws IOException {
        return TestWavs.samples(fixture.messages.openAudio("201", message.id()));
    }

    @Test
    void aMessageEndedBySilenceIsStoredWithoutMostOfTheSilence() throws IOException {
        Take take = take(3, 5, RecordStop.SILENCE, 8000);
        FakeCall call = fixture.call("202").records(take);

        leave(call);

        assertThat(call.heard()).containsSubsequence(SYSTEM_GREETING);
        assertThat(call.heard()).endsWith(TONE, "message-sent", "goodbye");
        assertThat(call.flowHungUp()).isTrue();
        assertThat(call.recordSpecs()).containsExactly(new RecordSpec(Duration.ofSeconds(120),
                Duration.ofSeconds(5), "#", RecordSpec.DEFAULT_THRESHOLD_DBFS));
        assertThat(stored()).singleElement().satisfies(message -> {
            assertThat(message.state()).isEqualTo(MessageState.NEW);
            assertThat(message.from()).isEqualTo("202");
            assertThat(message.receivedAt()).isEqualTo(VoicemailFixture.START);
            assertThat(message.durationMs()).isEqualTo(3500);
        });
        assertThat(storedAudio(stored().getFirst())).isEqualTo(Arrays.copyOf(take.audio(), 3 * Frames.RATE + TAIL));
    }

    @Test
    void aHangupDuringTheGoodbyeKeepsTheMessageSentOnce() {
        FakeCall call = fixture.call("202").records(take(3, 5, RecordStop.SILENCE, 8000)).hangUpWhen("message-sent");

        assertThatThrownBy(() -> leave(call)).isInstanceOf(HangupException.class);

        assertThat(stored()).singleElement().satisfies(message -> assertThat(message.durationMs()).isEqualTo(3500));
    }

    @Test
    void theMailboxsOwnMaximumLengthWinsOverTheCallFlowSetting() {
        fixture.mailboxes.setPreferences("201", new MailboxPreferences(1800));
        FakeCall call = fixture.call("202").records(take(2, 0, RecordStop.MAX_LENGTH, 8000));

        leave(call);

        assertThat(call.recordSpecs()).singleElement().extracting(RecordSpec::maxLength)
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void callFlowSettingsChangedWhileTheNodeRunsApplyToTheNextRecording() {
        AtomicReference<FlowSettings> settings = new AtomicReference<>(
                FlowSettings.defaults(VoicemailFixture.ZONE, fixture.clock));
        Voicemail changing = Voicemail.english(fixture.messages, fixture.mailboxes, fixture.greetings, settings::get);
        FakeCall first = fixture.call("202").records(take(2, 0, RecordStop.KEY, 8000)).pressWhen("leave-options", "#");
        new LeaveFlow(changing, "201", null).run(first);

        settings.set(settings.get().with(new CallFlowSettings(300, 9)));
        FakeCall second = fixture.call("202").records(take(2, 0, RecordStop.KEY, 8000)).pressWhen("leave-options", "#");
        new LeaveFlow(changing, "201", null).run(second);

        assertThat(first.recordSpecs()).singleElement().satisfies(spec -> {
            assertThat(spec.maxLength()).isEqualTo(Duration.ofSeconds(120));
            assertThat(spec.silenceTimeout()).isEqualTo(Duration.ofSeconds(5));
        });
        assertThat(second.recordSpecs()).singleElement().satisfies(spec -> {
            assertThat(spec.maxLength()).isEqualTo(Duration.ofSeconds(300));
            assertThat(spec.silenceTimeout()).isEqualTo(Duration.ofSeconds(9));
        });
    }

    @ParameterizedTest
    @EnumSource(value = RecordStop.class, names = {"MAX_LENGTH", "STOPPED"})
    void aRecordingStoppedByTheSystemIsSent(RecordStop reason) {
        FakeCall call = fixture.call("202").records(take(2, 0, reason, 8000));

        leave(call);

        assertThat(call.heard()).endsWith("message-sent", "goodbye");
        assertThat(stored()).singleElement().extracting(MessageInfo::durationMs).isEqualTo(2000L);
    }

    @Test
    void hashThenHashSends() {
        FakeCall call = fixture.call("202").records(take(2, 0.2, RecordStop.KEY, 8000))
                .pressWhen("leave-options", "#");

        leave(call);

        assertThat(call.heard()).endsWith(TONE, "leave-options", "message-sent", "goodbye");
        assertThat(stored()).singleElement().extracting(MessageInfo::durationMs).isEqualTo(2200L);
    }

    @Test
    void reRecordingKeepsOnlyTheSecondTake() throws IOException {
        Take second = take(3, 0, RecordStop.KEY, 5000);
        FakeCall call = fixture.call("202")
                .records(take(2, 0, RecordStop.KEY, 9000)).pressWhen("leave-options", "2")
                .records(second).pressWhen("leave-options", "#");

        leave(call);

        assertThat(call.heard()).containsSubsequence(TONE, "leave-options", "record-after-tone", TONE,
                "leave-options", "message-sent");
        assertThat(stored()).singleElement().extracting(MessageInfo::durationMs).isEqualTo(3000L);
        assertThat(storedAudio(stored().getFirst())).isEqualTo(second.audio());
    }

    @Test
    void oneListensToTheTakeBeforeSending() {
        Take take = take(1.5, 0.1, RecordStop.KEY, 7000);
        FakeCall call = fixture.call("202").records(take)
                .pressWhen("leave-options", "1").pressWhen("leave-options", "#");

        leave(call);

        String listened = call.heard().stream().filter(label -> label.startsWith("deposit:")).findFirst()
                .orElseThrow(() -> new AssertionError("the take was not played: " + call.heard()));
        assertThat(call.audio(listened)).isEqualTo(take.audio());
        assertThat(call.heard()).containsSubsequence("leave-options", listened, "leave-options", "message-sent");
        assertThat(stored()).singleElement().extracting(MessageInfo::id)
                .isEqualTo(listened.substring("deposit:".length()));
    }

    @Test
    void aHangupWhileRecordingKeepsAMessageOfAtLeastOneSecond() throws IOException {
        Take take = take(1.5, 3, RecordStop.CLOSED, 8000);
        FakeCall call = fixture.call("202").records(take);

        leave(call);

        assertThat(call.heard()).endsWith(TONE);
        assertThat(call.flowHungUp()).isFalse();
        assertThat(stored()).singleElement().extracting(MessageInfo::durationMs).isEqualTo(2000L);
        assertThat(storedAudio(stored().getFirst())).isEqualTo(Arrays.copyOf(take.audio(), 2 * Frames.RATE));
    }

    @Test
    void aHangupWhileRecordingDropsLessThanOneSecond() {
        FakeCall call = fixture.call("202").records(take(0.9, 4, RecordStop.CLOSED, 8000));

        leave(call);

        assertThat(stored()).isEmpty();
    }

    @Test
    void aHangupDuringTheOptionsKeepsTheTake() {
        FakeCall call = fixture.call("202").records(take(2, 0, RecordStop.KEY, 8000)).hangUpWhen("leave-options");

        assertThatThrownBy(() -> leave(call)).isInstanceOf(HangupException.class);

        assertThat(stored()).singleElement().extracting(MessageInfo::durationMs).isEqualTo(2000L);
    }

    @Test
    void aHangupBeforeTheSecondTakeKeepsTheFirst() {
        FakeCall call = fixture.call("202").records(take(2, 0, RecordStop.KEY, 8000))
                .pressWhen("leave-options", "2").hangUpWhen("record-after-tone");

        assertThatThrownBy(() -> leave(call)).isInstanceOf(HangupException.class);

        assertThat(stored()).singleElement().extracting(MessageInfo::durationMs).isEqualTo(2000L);
    }

    @Test
    void silenceAloneRecordsNoMessage() {
        FakeCall call = fixture.call("202").records(take(0, 5, RecordStop.SILENCE, 0));

        leave(call);

        assertThat(call.heard()).endsWith(TONE, "no-message-recorded", "goodbye");
        assertThat(stored()).isEmpty();
    }

    @Test
    void sendingATooShortMessageAsksForAnotherTake() {
        FakeCall call = fixture.call("202")
                .records(take(0.5, 0, RecordStop.KEY, 8000)).pressWhen("leave-options", "#")
                .records(take(2, 5, RecordStop.SILENCE, 8000));

        leave(call);

        assertThat(call.heard()).containsSubsequence("leave-options", "message-too-short", "record-after-tone", TONE,
                "message-sent");
        assertThat(stored()).singleElement().extracting(MessageInfo::durationMs).isEqualTo(2500L);
    }

    @Test
    void noAnswerToTheOptionsSendsTheTake() {
        FakeCall call = fixture.call("202").records(take(2, 0, RecordStop.KEY, 8000));

        leave(call);

        assertThat(call.heard()).endsWith("leave-options", "leave-options", "leave-options", "message-sent",
                "goodbye");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void aFailedRecordingApologises() {
        FakeCall call = fixture.call("202").records(take(2, 0, RecordStop.ERROR, 8000));

        leave(call);

        assertThat(call.heard()).endsWith(TONE, "system-error", "goodbye");
        assertThat(stored()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = GreetingKind.class, names = {"BUSY", "NOANSWER"})
    void theTemporaryGreetingComesFirst(GreetingKind divert) throws IOException {
        short[] temporary = fixture.greeting("201", GreetingKind.TEMPORARY);
        for (GreetingKind kind : List.of(GreetingKind.BUSY, GreetingKind.NOANSWER, GreetingKind.DEFAULT,
                GreetingKind.NAME)) {
            fixture.greeting("201", kind);
        }

        FakeCall call = greet(divert);

        assertThat(call.heard()).containsExactly("greeting:201/temporary", TONE);
        assertThat(call.audio("greeting:201/temporary")).isEqualTo(temporary);
    }

    @ParameterizedTest
    @EnumSource(value = GreetingKind.class, names = {"BUSY", "NOANSWER"})
    void theGreetingForTheDiversionReasonComesNext(GreetingKind divert) throws IOException {
        fixture.greeting("201", GreetingKind.BUSY);
        fixture.greeting("201", GreetingKind.NOANSWER);
        fixture.greeting("201", GreetingKind.DEFAULT);

        assertThat(greet(divert).heard()).containsExactly("greeting:201/" + divert.token(), TONE);
    }

    @Test
    void withoutADiversionTheDefaultGreetingPlays() throws IOException {
        fixture.greeting("201", GreetingKind.BUSY);
        fixture.greeting("201", GreetingKind.NOANSWER);
        fixture.greeting("201", GreetingKind.DEFAULT);

        assertThat(greet(null).heard()).containsExactly("greeting:201/default", TONE);
    }

    @Test
    void theSystemGreetingSaysTheRecordedName() throws IOException {
        fixture.greeting("201", GreetingKind.BUSY);
        short[] name = fixture.greeting("201", GreetingKind.NAME);

        FakeCall call = greet(GreetingKind.NOANSWER);

        assertThat(call.heard()).containsExactly("greeting:201/name", "is-not-available", "leave-after-tone", TONE);
        assertThat(call.audio("greeting:201/name")).isEqualTo(name);
    }

    @Test
    void theSystemGreetingSaysTheNumberWithoutARecordedName() {
        List<String> expected = new ArrayList<>(SYSTEM_GREETING);
        expected.add(TONE);

        assertThat(greet(GreetingKind.BUSY).heard()).containsExactlyElementsOf(expected);
    }

    /** Runs the greeting; the caller hangs up at the tone. */
    private FakeCall greet(GreetingKind divert) {
        FakeCall call = fixture.call("202").hangUpWhen(TONE);
        assertThatThrownBy(() -> new LeaveFlow(fixture.voicemail, "201", divert).run(call))
                .isInstanceOf(HangupException.class);
        return call;
    }

    @Test
    void starDuringTheGreetingLogsIntoThisMailboxWithItsPinOnly() {
        FakeCall call = fixture.call("202").pressWhen("person-at-extension", "*")
                .pressWhen("enter-pin", "1793#").pressWhen("main-menu", "*7");

        leave(call);

        assertThat(call.heard()).containsExactly("person-at-extension", "enter-pin", "welcome", "main-menu",
                "goodbye");
        assertThat(call.recordSpecs()).isEmpty();
    }

    @Test
    void zeroDuringTheGreetingTransfersToTheMailboxsReception() {
        fixture.mailboxes.setPreferences("201", new MailboxPreferences(null, "200"));
        FakeCall call = fixture.call("202").pressWhen("person-at-extension", "0").transfers(true);

        leave(call);

        assertThat(call.heard()).containsExactly("person-at-extension", "transferring", "transfer:200");
        assertThat(call.transfersTried()).containsExactly("200");
        assertThat(call.recordSpecs()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void aFailedTransferSaysSoAndTheCallerLeavesAMessage() {
        fixture.mailboxes.setPreferences("201", new MailboxPreferences(null, "200"));
        FakeCall call = fixture.call("202").pressWhen("person-at-extension", "0").transfers(false)
                .records(take(2, 5, RecordStop.SILENCE, 8000));

        leave(call);

        assertThat(call.heard()).containsExactly("person-at-extension", "transferring", "transfer:200",
                "transfer-failed", TONE, "message-sent", "goodbye");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void zeroWithoutAReceptionIsIgnored() {
        FakeCall call = fixture.call("202").pressWhen("person-at-extension", "0")
                .records(take(2, 5, RecordStop.SILENCE, 8000));

        leave(call);

        assertThat(call.transfersTried()).isEmpty();
        assertThat(call.heard()).containsExactly("person-at-extension", TONE, "message-sent", "goodbye");
    }

    @Test
    void otherKeysDuringTheGreetingAreIgnored() {
        FakeCall call = fixture.call("202").pressWhen("person-at-extension", "5")
                .records(take(2, 5, RecordStop.SILENCE, 8000));

        leave(call);

        assertThat(call.heard()).containsExactly("person-at-extension", TONE, "message-sent", "goodbye");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void onlyBusyAndNoAnswerAreDiversionReasons() {
        assertThatThrownBy(() -> new LeaveFlow(fixture.voicemail, "201", GreetingKind.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
