package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import postbox.store.GreetingKind;

class ConfigKeyTest {

    @Test
    void mailboxKeysRoundTrip() {
        ConfigKey key = new ConfigKey.MailboxKey("201");

        assertThat(key.key()).isEqualTo("mailbox.201");
        assertThat(ConfigKey.parse("mailbox.201")).contains(key);
    }

    @ParameterizedTest
    @EnumSource(GreetingKind.class)
    void greetingKeysRoundTrip(GreetingKind kind) {
        ConfigKey key = new ConfigKey.GreetingKey("1000", kind);

        assertThat(key.key()).isEqualTo("greeting.1000." + kind.token());
        assertThat(ConfigKey.parse(key.key())).contains(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mailbox", "mailbox.", "mailbox.20a", "mailbox.201.x", "greeting.201",
            "greeting.201.loud", "greeting.x.busy", "settings.callflow", "MAILBOX.201"})
    void unknownKeysAreLeftAlone(String key) {
        assertThat(ConfigKey.parse(key)).isEmpty();
    }
}
