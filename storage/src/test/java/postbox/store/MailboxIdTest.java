package postbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "201", "0201", "123456789012345"})
    void digitsUpToFifteenAreValid(String id) {
        assertThat(MailboxId.isValid(id)).isTrue();
        assertThat(MailboxId.check(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567890123456", "../201", "201/", "20 1", "2O1", "٢٠١", "-201", "."})
    void anythingElseIsRejectedWithTheRule(String id) {
        assertThat(MailboxId.isValid(id)).isFalse();
        assertThatThrownBy(() -> MailboxId.check(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a mailbox id must be 1 to 15 digits, got '" + id + "'");
    }
}
