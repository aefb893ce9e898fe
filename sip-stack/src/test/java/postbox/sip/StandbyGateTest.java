package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandbyGateTest {

    @ParameterizedTest(name = "{0} in dialog {1}: standby turns away {2}")
    @CsvSource({
            "INVITE,    false, true",
            "SUBSCRIBE, false, true",
            "OPTIONS,   false, true",
            "INVITE,    true,  false",
            "SUBSCRIBE, true,  false",
            "OPTIONS,   true,  false",
            "BYE,       true,  false",
            "ACK,       true,  false",
            "CANCEL,    false, false",
            "NOTIFY,    false, false",
            "MESSAGE,   false, false"})
    void standbyTurnsAwayOnlyNewInvitesSubscribesAndOptions(String method, boolean inDialog, boolean turnedAway) {
        StandbyGate gate = new StandbyGate(false);

        assertThat(gate.turnsAway(method, inDialog)).isEqualTo(turnedAway);
        gate.setActive(true);
        assertThat(gate.turnsAway(method, inDialog)).as("active: nothing is turned away").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void settingTheSameActivityAgainIsNoChange(boolean active) {
        StandbyGate gate = new StandbyGate(active);

        assertThat(gate.setActive(active)).isFalse();
        assertThat(gate.setActive(!active)).isTrue();
        assertThat(gate.active()).isEqualTo(!active);
        assertThat(gate.setActive(!active)).isFalse();
    }
}
