package postbox.server.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import postbox.server.config.FailbackPolicy;
import postbox.server.config.Role;

class RoleMachineTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private Instant now = Instant.parse("2026-11-26T03:00:00Z");

    private RoleMachine backup(FailbackPolicy.Mode mode) {
        return new RoleMachine(Role.BACKUP, new FailbackPolicy(mode, Duration.ofMinutes(2)), TIMEOUT, now);
    }

    private RoleMachine primary() {
        return new RoleMachine(Role.PRIMARY, FailbackPolicy.DEFAULT, TIMEOUT, now);
    }

    private void advance(Duration by) {
        now = now.plus(by);
    }

    private void heartbeat(RoleMachine machine, NodeState peerState) {
        machine.heard(new PeerView("peer", peerState, 0, now));
    }

    @Test
    void aBackupStaysStandbyWhileItHearsThePrimaryAndTakesOverWhenItFallsSilent() {
        RoleMachine machine = backup(FailbackPolicy.Mode.GRACEFUL);
        for (int second = 0; second < 10; second++) {
            heartbeat(machine, NodeState.ACTIVE);
            machine.tick(now, 0);
            assertThat(machine.state()).isEqualTo(NodeState.STANDBY);
            advance(Duration.ofSeconds(1));
        }
        advance(Duration.ofMillis(1900)); // the last heartbeat is 2.9 s old
        assertThat(machine.tick(now, 0)).isFalse();
        advance(Duration.ofMillis(100));
        assertThat(machine.tick(now, 0)).isTrue();
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(machine.reason()).contains("primary peer silent for 3 s");
        assertThat(machine.takeovers()).isEqualTo(1);
    }

    @Test
    void aSipAnswerAloneKeepsTheBackupStandby() {
        RoleMachine machine = backup(FailbackPolicy.Mode.GRACEFUL);
        for (int second = 0; second < 10; second++) {
            machine.sipAnswered(now);
            machine.tick(now, 0);
            advance(Duration.ofSeconds(1));
        }
        assertThat(machine.state()).isEqualTo(NodeState.STANDBY);
    }

    @Test
    void aBackupStartedAloneWaitsOnePeerTimeoutThenTakesOver() {
        RoleMachine machine = backup(FailbackPolicy.Mode.GRACEFUL);
        machine.tick(now, 0);
        advance(Duration.ofMillis(2999));
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.STANDBY);
        advance(Duration.ofMillis(1));
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
    }

    private RoleMachine activeBackup(FailbackPolicy.Mode mode) {
        RoleMachine machine = backup(mode);
        advance(TIMEOUT);
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
        return machine;
    }

    @Test
    void gracefulFailbackWaitsForTheCallsToEnd() {
        RoleMachine machine = activeBackup(FailbackPolicy.Mode.GRACEFUL);
        heartbeat(machine, NodeState.RETURNING);
        machine.tick(now, 2);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(machine.reason()).contains("once 2 calls end");
        advance(Duration.ofHours(1));
        heartbeat(machine, NodeState.RETURNING);
        machine.tick(now, 1);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
        heartbeat(machine, NodeState.RETURNING);
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.STANDBY);
        assertThat(machine.reason()).contains("graceful");
    }

    @Test
    void automaticFailbackGivesUpWaitingAfterItsTimeout() {
        RoleMachine machine = activeBackup(FailbackPolicy.Mode.AUTOMATIC);
        for (int second = 0; second < 120; second++) { // 0 s to 119 s: still waiting
            heartbeat(machine, NodeState.RETURNING);
            machine.tick(now, 3);
            assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
            advance(Duration.ofSeconds(1));
        }
        heartbeat(machine, NodeState.RETURNING);
        machine.tick(now, 3);
        assertThat(machine.state()).isEqualTo(NodeState.STANDBY);
        assertThat(machine.reason()).contains("after 2 min with 3 calls still up");
    }

    @Test
    void manualFailbackWaitsForTheAdministrator() {
        RoleMachine machine = activeBackup(FailbackPolicy.Mode.MANUAL);
        heartbeat(machine, NodeState.RETURNING);
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(machine.reason()).contains("manual");
        machine.deactivate();
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.STANDBY);
        assertThat(machine.reason()).contains("administrator");
    }

    @Test
    void anAdministratorsActivationHoldsUntilDeactivated() {
        RoleMachine machine = backup(FailbackPolicy.Mode.GRACEFUL);
        heartbeat(machine, NodeState.ACTIVE);
        machine.activate();
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(machine.takeovers()).as("an order, not a takeover").isZero();
        for (int second = 0; second < 5; second++) {
            advance(Duration.ofSeconds(1));
            heartbeat(machine, NodeState.ACTIVE);
            machine.tick(now, 0);
        }
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
        machine.deactivate();
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.STANDBY);
        heartbeat(machine, NodeState.ACTIVE);
        machine.tick(now, 0);
        assertThat(machine.state()).as("not pinned any more; the primary is heard").isEqualTo(NodeState.STANDBY);
    }

    @Test
    void aPrimaryWaitsForAnActiveBackupToStandDown() {
        RoleMachine machine = primary();
        heartbeat(machine, NodeState.ACTIVE);
        machine.tick(now, 0);
        advance(Duration.ofMinutes(5));
        heartbeat(machine, NodeState.ACTIVE);
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.RETURNING);
        assertThat(machine.reason()).contains("backup peer is active");
        heartbeat(machine, NodeState.STANDBY);
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
    }

    @Test
    void aPrimaryGoesActiveAtOnceWhenItHearsAStandbyBackupOrAfterATimeoutAlone() {
        RoleMachine heard = primary();
        heartbeat(heard, NodeState.STANDBY);
        heard.tick(now, 0);
        assertThat(heard.state()).isEqualTo(NodeState.ACTIVE);

        RoleMachine alone = primary();
        advance(Duration.ofMillis(2999));
        alone.tick(now, 0);
        assertThat(alone.state()).isEqualTo(NodeState.RETURNING);
        advance(Duration.ofMillis(1));
        alone.tick(now, 0);
        assertThat(alone.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(alone.reason()).isEqualTo("no backup heard");
    }

    @Test
    void anActivePrimaryStaysActiveThroughASplitBrain() {
        RoleMachine machine = primary();
        advance(TIMEOUT);
        machine.tick(now, 0);
        heartbeat(machine, NodeState.ACTIVE);
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
    }

    @Test
    void aSilentBackupDoesNotKeepAPrimaryWaiting() {
        RoleMachine machine = primary();
        heartbeat(machine, NodeState.ACTIVE);
        machine.tick(now, 0);
        advance(TIMEOUT);
        machine.tick(now, 0);
        assertThat(machine.state()).isEqualTo(NodeState.ACTIVE);
    }

    @Test
    void onlyABackupTakesAdministratorsOrders() {
        assertThatThrownBy(() -> primary().activate()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only a backup node");
        assertThatThrownBy(() -> new RoleMachine(Role.STANDALONE, FailbackPolicy.DEFAULT, TIMEOUT, now))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
