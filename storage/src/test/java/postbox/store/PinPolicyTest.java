package postbox.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PinPolicyTest {

    @ParameterizedTest(name = "{0} breaks \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "''               | A PIN must contain digits only.",
            "12 4             | A PIN must contain digits only.",
            "１２３４             | A PIN must contain digits only.",
            "123              | A PIN must be 4 to 15 digits long.",
            "5820374619204718 | A PIN must be 4 to 15 digits long.",
            "20134            | A PIN must not be the mailbox number.",
            "7777             | A PIN must not repeat one digit (like 1111).",
            "000000000000000  | A PIN must not repeat one digit (like 1111).",
            "1234             | A PIN must not be a straight sequence (like 1234 or 9876).",
            "0123456789       | A PIN must not be a straight sequence (like 1234 or 9876).",
            "9876             | A PIN must not be a straight sequence (like 1234 or 9876).",
            "654321           | A PIN must not be a straight sequence (like 1234 or 9876).",
    })
    void eachRuleHasItsSentence(String pin, String sentence) {
        assertThatThrownBy(() -> PinPolicy.check("20134", pin, candidate -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(sentence);
    }

    @Test
    void aNullPinIsRejected() {
        assertThatThrownBy(() -> PinPolicy.check("201", null, candidate -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("A PIN must contain digits only.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1793", "2684", "3579", "1243", "2468", "7890", "1112", "201201", "918273645546372"})
    void goodPinsPass(String pin) {
        assertThatCode(() -> PinPolicy.check("201", pin, candidate -> false)).doesNotThrowAnyException();
    }

    @Test
    void thePreviousPinIsAskedLastAndRefused() {
        List<String> asked = new ArrayList<>();
        assertThatThrownBy(() -> PinPolicy.check("201", "1793", candidate -> asked.add(candidate)))
                .hasMessage("A PIN must not be the previous PIN.");
        assertThat(asked).containsExactly("1793");

        asked.clear();
        assertThatThrownBy(() -> PinPolicy.check("201", "1111", candidate -> asked.add(candidate)))
                .hasMessageContaining("repeat");
        assertThat(asked).isEmpty();
    }
}
