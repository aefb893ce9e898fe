package postbox.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MenuTest {

    private static final Set<String> IDS = Set.of("question", "again", "invalid", "later");

    private final Menu menu = new Menu(List.of(Prompt.phrase("question")), List.of(Prompt.phrase("again")),
            Set.of("2", "#", "*3", "*7", "**9"), Duration.ofSeconds(5), 3, List.of(Prompt.phrase("invalid")));

    private static FakeCall call() {
        return new FakeCall("202", IDS);
    }

    @Test
    void aKeyDuringThePromptSelectsItsOption() {
        FakeCall call = call().pressWhen("question", "2");

        assertThat(menu.ask(call)).isEqualTo(new Choice.Selected("2"));
        assertThat(call.heard()).containsExactly("question");
    }

    @Test
    void keysTypedAheadSkipThePromptAndSpellMultiKeyOptions() {
        FakeCall call = call().typeAhead("*3");

        assertThat(menu.ask(call)).isEqualTo(new Choice.Selected("*3"));
        assertThat(call.heard()).isEmpty();
    }

    @Test
    void longerSequencesSharingAPrefixAreToldApart() {
        assertThat(menu.ask(call().typeAhead("**9"))).isEqualTo(new Choice.Selected("**9"));
        assertThat(menu.ask(call().typeAhead("*7"))).isEqualTo(new Choice.Selected("*7"));
    }

    @Test
    void anInvalidKeySaysSoDropsTheTypeAheadAndAsksAgain() {
        FakeCall call = call().typeAhead("92").pressWhen("again", "#");

        // "2" typed after the invalid "9" was thrown away: the caller was asked again
        assertThat(menu.ask(call)).isEqualTo(new Choice.Selected("#"));
        assertThat(call.heard()).containsExactly("invalid", "again");
    }

    @Test
    void aSequenceThatLeavesEveryOptionIsInvalidAtItsFirstWrongKey() {
        FakeCall call = call().typeAhead("*5").pressWhen("again", "2");

        assertThat(menu.ask(call)).isEqualTo(new Choice.Selected("2"));
        assertThat(call.heard()).containsExactly("invalid", "again");
    }

    @Test
    void anUnfinishedSequenceIsInvalid() {
        FakeCall call = call().pressWhen("question", "*").pressWhen("again", "2");

        assertThat(menu.ask(call)).isEqualTo(new Choice.Selected("2"));
        assertThat(call.heard()).containsExactly("question", "invalid", "again");
    }

    @Test
    void noInputRepromptsThenGivesUp() {
        FakeCall call = call();

        assertThat(menu.ask(call)).isEqualTo(new Choice.NoInput());
        assertThat(call.heard()).containsExactly("question", "again", "again");
    }

    @Test
    void tooManyInvalidKeysGiveUp() {
        FakeCall call = call().pressWhen("question", "1").pressWhen("again", "1").pressWhen("again", "1");

        assertThat(menu.ask(call)).isEqualTo(new Choice.Invalid());
        assertThat(call.heard()).containsExactly("question", "invalid", "again", "invalid", "again", "invalid");
    }

    @Test
    void theLastFailureNamesTheOutcome() {
        FakeCall call = call().pressWhen("question", "1");

        assertThat(menu.ask(call)).isEqualTo(new Choice.NoInput());
    }

    @Test
    void anotherFirstPromptKeepsTheReprompt() {
        FakeCall call = call();

        assertThat(menu.withPrompt(List.of(Prompt.phrase("later"))).ask(call)).isEqualTo(new Choice.NoInput());
        assertThat(call.heard()).containsExactly("later", "again", "again");
    }

    @Test
    void optionsThatHideOthersOrUseNonKeysAreRefused() {
        assertThatThrownBy(() -> new Menu(List.of(), List.of(), Set.of("*", "*3"), Duration.ofSeconds(1), 1,
                List.of())).hasMessageContaining("hides");
        assertThatThrownBy(() -> new Menu(List.of(), List.of(), Set.of("x"), Duration.ofSeconds(1), 1, List.of()))
                .hasMessageContaining("bad option");
        assertThatThrownBy(() -> new Menu(List.of(), List.of(), Set.of("1"), Duration.ofSeconds(1), 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
