package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageSummaryTest {

    @Test
    void theBodyFollowsRfc3842() {
        assertThat(new MessageSummary(2, 5).body("sip:201@pbx")).isEqualTo(
                "Messages-Waiting: yes\r\nMessage-Account: sip:201@pbx\r\nVoice-Message: 2/5\r\n");
        assertThat(new MessageSummary(0, 3).body("sip:202@pbx")).startsWith("Messages-Waiting: no\r\n")
                .endsWith("Voice-Message: 0/3\r\n");
    }

    @Test
    void waitingMeansNewMessages() {
        assertThat(new MessageSummary(1, 0).waiting()).isTrue();
        assertThat(new MessageSummary(0, 9).waiting()).isFalse();
        assertThat(new MessageSummary(0, 9).any()).isTrue();
        assertThat(new MessageSummary(0, 0).any()).isFalse();
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> new MessageSummary(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
