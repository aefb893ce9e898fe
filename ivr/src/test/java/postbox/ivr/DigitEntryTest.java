package postbox.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DigitEntryTest {

    private final DigitEntry entry = new DigitEntry(List.of(Prompt.phrase("enter")), '#', 6, Duration.ofSeconds(5));

    private static FakeCall call() {
        return new FakeCall("", Set.of("enter"));
    }

    @Test
    void keysUpToTheTerminatorAreTheEntry() {
        FakeCall call = call().pressWhen("enter", "1793#");

        assertThat(entry.ask(call)).contains("1793");
        assertThat(call.heard()).containsExactly("enter");
    }

    @Test
    void keysAfterTheTerminatorStayForTheNextQuestion() {
        FakeCall call = call().typeAhead("201#1793#");

        assertThat(entry.ask(call)).contains("201");
        assertThat(entry.ask(call)).contains("1793");
        assertThat(call.heard()).isEmpty();
    }

    @Test
    void aPauseEndsTheEntryWithWhatWasTyped() {
        assertThat(entry.ask(call().pressWhen("enter", "12"))).contains("12");
    }

    @Test
    void theTerminatorAloneIsAnEmptyEntryAndNothingIsNoInput() {
        assertThat(entry.ask(call().pressWhen("enter", "#"))).contains("");
        assertThat(entry.ask(call())).isEqualTo(Optional.empty());
    }

    @Test
    void theEntryStopsAtItsLongest() {
        FakeCall call = call().typeAhead("12345678#");

        assertThat(entry.ask(call)).contains("123456");
        assertThat(call.readKey(Duration.ZERO)).contains('7');
    }
}
