package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrunkStateTest {

    private static final PbxAddress PRIMARY = PbxAddress.parse("127.0.0.1:5080");
    private static final PbxAddress BACKUP = PbxAddress.parse("127.0.0.1:5082");
    private static final Duration STEP = Duration.ofMillis(100);
    private static final List<DigestChallenge> CHALLENGES = DigestChallenge.parseAll(List.of(
            "Digest realm=\"pbx\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"",
            "Digest realm=\"pbx\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\""));
    private static final List<DigestChallenge> STALE = DigestChallenge.parseAll(List.of(
            "Digest realm=\"pbx\", nonce=\"n2\", algorithm=MD5, qop=\"auth\", stale=true"));

    private final TestClock clock = new TestClock();
    private TrunkState state;
    private int calls;
    /** Whether the fake PBXs answer pings (and with what). */
    private boolean primaryAnswers = true;
    private boolean backupAnswers = true;

    private TrunkState trunk(Optional<PbxAddress> backup, FailbackMode failback) {
        return trunk(backup, failback, true);
    }

    private TrunkState trunk(Optional<PbxAddress> backup, FailbackMode failback, boolean active) {
        state = new TrunkState(new TrunkConfig(PRIMARY, backup, "vmpro", "secret", Duration.ofSeconds(300),
                Duration.ofSeconds(2), failback), clock, active);
        return state;
    }

    @Test
    void registersAtThePrimaryAnsweringTheSha256ChallengeThenRepublishesEverything() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE);

        TrunkAction.Register first = only(state.start(), TrunkAction.Register.class);
        assertThat(first.pbx()).isEqualTo(PRIMARY);
        assertThat(first.answering()).isEmpty();
        assertThat(first.expires()).isEqualTo(Duration.ofSeconds(300));
        assertThat(state.status().registration()).isEqualTo(RegistrationState.REGISTERING);

        TrunkAction.Register second = only(respond(first, 401, CHALLENGES), TrunkAction.Register.class);
        assertThat(second.answering()).map(DigestChallenge::algorithm).contains(DigestAlgorithm.SHA_256);
        assertThat(second.id()).isNotEqualTo(first.id());

        List<TrunkAction> ok = state.onRegisterResponse(second.id(), 200, Optional.of(Duration.ofSeconds(120)),
                Optional.empty(), List.of());
        assertThat(ok).containsExactly(new TrunkAction.Republish(PRIMARY, true));
        TrunkStatus status = state.status();
        assertThat(status.registration()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(status.registeredUntil()).isEqualTo(clock.instant().plusSeconds(120));
        assertThat(status.pbxInUse()).isEqualTo(PRIMARY);
        assertThat(status.onBackup()).isFalse();
        assertThat(status.lastFailover()).isNull();
        assertThat(status.registrationFailures()).isZero();
        assertThat(state.registeredAt()).contains(PRIMARY);
    }

    @Test
    void refreshesAtEightyPercentOrTenSecondsBeforeExpiryButNotSoonerThanASecond() {
        assertThat(TrunkState.refreshDelay(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(240));
        assertThat(TrunkState.refreshDelay(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(20));
        assertThat(TrunkState.refreshDelay(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(1));

        registered(Optional.empty(), FailbackMode.WHEN_IDLE, Duration.ofSeconds(30));
        assertThat(registersWithin(Duration.ofMillis(19_900))).isEmpty();
        List<TrunkAction.Register> refresh = registersWithin(STEP);
        assertThat(refresh).hasSize(1);
        assertThat(refresh.getFirst().answering()).isEmpty();
        assertThat(respond(refresh.getFirst(), 200, List.of()))
                .as("a refresh republishes nothing").isEmpty();
    }

    @Test
    void aSecondChallengeAfterAnAnsweredOneIsAFailureRetriedWithDoublingDelaysCappedAtAMinute() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE);
        TrunkAction.Register attempt = only(state.start(), TrunkAction.Register.class);
        List<Long> delaysSeconds = new ArrayList<>();
        Instant failedAt = null;
        for (int round = 0; round < 8; round++) {
            if (failedAt != null) {
                delaysSeconds.add(Duration.between(failedAt, clock.instant()).toSeconds());
            }
            TrunkAction.Register answer = only(respond(attempt, 401, CHALLENGES), TrunkAction.Register.class);
            assertThat(respond(answer, 401, CHALLENGES)).isEmpty();
            failedAt = clock.instant();
            assertThat(state.status().registration()).isEqualTo(RegistrationState.RETRYING);
            attempt = nextRegister(Duration.ofSeconds(61));
        }
        assertThat(delaysSeconds).containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L);
        assertThat(state.status().registrationFailures()).isEqualTo(8);
    }

    @Test
    void aStaleChallengeAfterAnAnsweredOneIsAnsweredAgainWithoutAFailure() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE);
        TrunkAction.Register answer = only(respond(only(state.start(), TrunkAction.Register.class), 401, CHALLENGES),
                TrunkAction.Register.class);

        TrunkAction.Register again = only(respond(answer, 401, STALE), TrunkAction.Register.class);

        assertThat(again.answering()).map(DigestChallenge::nonce).contains("n2");
        assertThat(state.status().registrationFailures()).isZero();
    }

    @Test
    void forbiddenStopsEveryRegisterAndPing() {
        trunk(Optional.of(BACKUP), FailbackMode.WHEN_IDLE);
        TrunkAction.Register first = only(state.start(), TrunkAction.Register.class);

        assertThat(respond(first, 403, List.of())).isEmpty();

        assertThat(state.status().registration()).isEqualTo(RegistrationState.FORBIDDEN);
        assertThat(state.status().registrationFailures()).isEqualTo(1);
        assertThat(run(Duration.ofMinutes(10))).isEmpty();
        assertThat(state.registeredAt()).isEmpty();
    }

    @Test
    void aServerErrorIsRetriedAtTheSamePbxWithoutFailingOver() {
        trunk(Optional.of(BACKUP), FailbackMode.WHEN_IDLE);
        TrunkAction.Register first = only(state.start(), TrunkAction.Register.class);

        respond(first, 503, List.of());

        assertThat(state.status().registration()).isEqualTo(RegistrationState.RETRYING);
        TrunkAction.Register retry = nextRegister(Duration.ofSeconds(3));
        assertThat(retry.pbx()).isEqualTo(PRIMARY);
        assertThat(state.status().failovers()).isZero();
    }

    @Test
    void intervalTooBriefAsksForTheMinimumAtOnce() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE);
        TrunkAction.Register first = only(state.start(), TrunkAction.Register.class);

        TrunkAction.Register again = only(state.onRegisterResponse(first.id(), 423, Optional.empty(),
                Optional.of(Duration.ofSeconds(600)), List.of()), TrunkAction.Register.class);

        assertThat(again.expires()).isEqualTo(Duration.ofSeconds(600));
        assertThat(state.status().registrationFailures()).isZero();
    }

    @Test
    void theRegisteredPbxIsPingedEveryIntervalAndAnAnswerKeepsItInUse() {
        registered(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, Duration.ofSeconds(300));

        List<TrunkAction> actions = run(Duration.ofSeconds(10));

        assertThat(actions).filteredOn(TrunkAction.Ping.class::isInstance).hasSize(5)
                .allSatisfy(a -> assertThat(((TrunkAction.Ping) a).pbx()).isEqualTo(PRIMARY));
        assertThat(actions).noneMatch(TrunkAction.Register.class::isInstance);
        assertThat(state.status().pbxInUse()).isEqualTo(PRIMARY);
    }

    @Test
    void aSilentPrimaryIsLostWithinFourSecondsAndTheBackupRegisteredAtOnce() {
        registered(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, Duration.ofSeconds(300));
        run(Duration.ofMillis(2_100));
        Instant silentFrom = clock.instant();
        primaryAnswers = false;

        List<TrunkAction> actions = new ArrayList<>();
        while (actions.stream().noneMatch(a -> a instanceof TrunkAction.Register r && r.pbx().equals(BACKUP))) {
            actions.addAll(run(STEP));
            assertThat(Duration.between(silentFrom, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(4));
        }

        assertThat(actions).filteredOn(TrunkAction.Abandon.class::isInstance).hasSize(2);
        assertThat(actions).noneMatch(a -> a instanceof TrunkAction.Unregister);
        TrunkStatus status = state.status();
        assertThat(status.pbxInUse()).isEqualTo(BACKUP);
        assertThat(status.onBackup()).isTrue();
        assertThat(status.registration()).isEqualTo(RegistrationState.REGISTERING);
        assertThat(status.failovers()).isEqualTo(1);
        assertThat(status.lastFailover()).isEqualTo(clock.instant());
        assertThat(status.lastFailoverReason()).isEqualTo("primary 127.0.0.1:5080: 2 OPTIONS unanswered");
        TrunkAction.Register atBackup = (TrunkAction.Register) actions.stream()
                .filter(TrunkAction.Register.class::isInstance).findFirst().orElseThrow();
        assertThat(respond(atBackup, 200, List.of())).containsExactly(new TrunkAction.Republish(BACKUP, true));
        assertThat(state.registeredAt()).contains(BACKUP);
    }

    @Test
    void oneMissIsForgivenWhenTheRepeatedPingIsAnswered() {
        registered(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, Duration.ofSeconds(300));
        primaryAnswers = false;
        run(Duration.ofMillis(2_700)); // the ping at 2 s is missed at 2.8 s; the re-ping then is answered
        primaryAnswers = true;

        run(Duration.ofSeconds(10));

        assertThat(state.status().pbxInUse()).isEqualTo(PRIMARY);
        assertThat(state.status().failovers()).isZero();
    }

    @Test
    void anUnansweredRegisterRefreshLosesThePbx() {
        registered(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, Duration.ofSeconds(5));
        calls = 1;
        TrunkAction.Register refresh = nextRegister(Duration.ofSeconds(2));
        assertThat(refresh.pbx()).isEqualTo(PRIMARY);

        List<TrunkAction> actions = run(TrunkState.REGISTER_TIMEOUT);

        assertThat(actions).contains(new TrunkAction.Abandon(refresh.id()));
        assertThat(actions).anyMatch(a -> a instanceof TrunkAction.Register r && r.pbx().equals(BACKUP));
        assertThat(state.status().lastFailoverReason()).isEqualTo("primary 127.0.0.1:5080: REGISTER unanswered");
        assertThat(state.status().registrationFailures()).isEqualTo(1);
    }

    @Test
    void aTransactionErrorLosesThePbxAtOnce() {
        registered(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, Duration.ofSeconds(300));
        primaryAnswers = false;
        TrunkAction.Ping ping = (TrunkAction.Ping) run(Duration.ofSeconds(2)).stream()
                .filter(TrunkAction.Ping.class::isInstance).findFirst().orElseThrow();

        List<TrunkAction> actions = state.onRequestFailed(ping.id(), "connection refused");

        assertThat(actions).anyMatch(a -> a instanceof TrunkAction.Register r && r.pbx().equals(BACKUP));
        assertThat(state.status().lastFailoverReason())
                .isEqualTo("primary 127.0.0.1:5080: OPTIONS failed: connection refused");
    }

    @Test
    void immediateFailbackRegistersAtThePrimaryAndUnregistersAtTheBackupAsSoonAsItAnswers() {
        onBackupAfterFailover(FailbackMode.IMMEDIATE);
        calls = 3;
        assertThat(run(Duration.ofSeconds(5))).as("the primary is pinged while on the backup")
                .anyMatch(a -> a instanceof TrunkAction.Ping p && p.pbx().equals(PRIMARY));
        primaryAnswers = true;

        List<TrunkAction> actions = run(Duration.ofMillis(2_100));

        assertThat(actions).contains(new TrunkAction.Unregister(BACKUP));
        TrunkAction.Register back = (TrunkAction.Register) actions.stream()
                .filter(TrunkAction.Register.class::isInstance).findFirst().orElseThrow();
        assertThat(back.pbx()).isEqualTo(PRIMARY);
        TrunkStatus status = state.status();
        assertThat(status.onBackup()).isFalse();
        assertThat(status.failovers()).isEqualTo(2);
        assertThat(status.lastFailoverReason()).isEqualTo("primary 127.0.0.1:5080 answers again");
        assertThat(respond(back, 200, List.of())).containsExactly(new TrunkAction.Republish(PRIMARY, true));
    }

    @Test
    void whenIdleFailbackWaitsForTheLastCallToEnd() {
        onBackupAfterFailover(FailbackMode.WHEN_IDLE);
        calls = 1;
        primaryAnswers = true;

        assertThat(run(Duration.ofSeconds(10))).noneMatch(a -> a instanceof TrunkAction.Register r
                && r.pbx().equals(PRIMARY));
        assertThat(state.status().onBackup()).isTrue();
        calls = 0;

        List<TrunkAction> actions = run(STEP);
        assertThat(actions).contains(new TrunkAction.Unregister(BACKUP));
        assertThat(actions).anyMatch(a -> a instanceof TrunkAction.Register r && r.pbx().equals(PRIMARY));
    }

    @Test
    void whenBothAreLostBothArePingedAndTheFirstToAnswerIsUsed() {
        onBackupAfterFailover(FailbackMode.WHEN_IDLE);
        calls = 1;
        backupAnswers = false;

        List<TrunkAction> silent = run(Duration.ofSeconds(6));
        assertThat(state.status().registration()).isEqualTo(RegistrationState.RETRYING);
        assertThat(silent).anyMatch(a -> a instanceof TrunkAction.Ping p && p.pbx().equals(PRIMARY))
                .anyMatch(a -> a instanceof TrunkAction.Ping p && p.pbx().equals(BACKUP));
        primaryAnswers = true;

        List<TrunkAction> actions = run(Duration.ofMillis(2_100));

        assertThat(actions).anyMatch(a -> a instanceof TrunkAction.Register r && r.pbx().equals(PRIMARY));
        assertThat(state.status().onBackup()).as("back on the primary although a call is in progress").isFalse();
    }

    @Test
    void withoutABackupALostPbxIsRetriedAndRegisteredAgainAsSoonAsItAnswers() {
        registered(Optional.empty(), FailbackMode.WHEN_IDLE, Duration.ofSeconds(300));
        primaryAnswers = false;
        run(Duration.ofSeconds(5));
        assertThat(state.status().registration()).isEqualTo(RegistrationState.RETRYING);
        assertThat(state.registeredAt()).isEmpty();
        primaryAnswers = true;

        List<TrunkAction.Register> registers = registersWithin(Duration.ofMillis(2_100));

        assertThat(registers).isNotEmpty().allMatch(r -> r.pbx().equals(PRIMARY));
        assertThat(respond(registers.getLast(), 200, List.of()))
                .as("the same PBX again: only what changed").containsExactly(new TrunkAction.Republish(PRIMARY, false));
        assertThat(state.status().failovers()).isZero();
    }

    @Test
    void closeUnregistersWhereRegisteredAndThenNothingMoreHappens() {
        registered(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, Duration.ofSeconds(300));

        assertThat(state.close()).containsExactly(new TrunkAction.Unregister(PRIMARY));

        assertThat(state.status().registration()).isEqualTo(RegistrationState.UNREGISTERED);
        assertThat(state.status().registeredUntil()).isNull();
        assertThat(run(Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void closeDoesNotUnregisterAtALostPbx() {
        registered(Optional.empty(), FailbackMode.WHEN_IDLE, Duration.ofSeconds(300));
        primaryAnswers = false;
        assertThat(registersWithin(Duration.ofMillis(6_500))).as("a retry is on its way").isNotEmpty();

        assertThat(state.close()).noneMatch(TrunkAction.Unregister.class::isInstance);
    }

    @Test
    void closeBeforeAnyRegistrationAbandonsTheAttemptAndStillUnregisters() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE);
        TrunkAction.Register first = only(state.start(), TrunkAction.Register.class);

        assertThat(state.close()).containsExactly(new TrunkAction.Abandon(first.id()),
                new TrunkAction.Unregister(PRIMARY));
    }

    @Test
    void aLateResponseToAnAbandonedAttemptIsIgnored() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE);
        TrunkAction.Register first = only(state.start(), TrunkAction.Register.class);
        run(TrunkState.REGISTER_TIMEOUT);

        assertThat(respond(first, 200, List.of())).isEmpty();
        assertThat(state.status().registration()).isEqualTo(RegistrationState.RETRYING);
    }

    @Test
    void bornStandbyItSendsNothingUntilActivatedThenRegistersAtThePrimaryAtOnce() {
        trunk(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, false);

        assertThat(state.start()).isEmpty();
        assertThat(run(Duration.ofMinutes(5))).isEmpty();
        assertThat(state.onPbxFailed(PRIMARY, "transport error")).isEmpty();
        TrunkStatus standby = state.status();
        assertThat(standby.registration()).isEqualTo(RegistrationState.STANDBY);
        assertThat(standby.pbxInUse()).isEqualTo(PRIMARY);
        assertThat(standby.registeredUntil()).isNull();
        assertThat(state.registeredAt()).isEmpty();

        TrunkAction.Register first = only(state.activate(), TrunkAction.Register.class);

        assertThat(first.pbx()).isEqualTo(PRIMARY);
        assertThat(first.answering()).isEmpty();
        assertThat(state.status().registration()).isEqualTo(RegistrationState.REGISTERING);
        assertThat(respond(first, 200, List.of())).containsExactly(new TrunkAction.Republish(PRIMARY, true));
        assertThat(state.registeredAt()).contains(PRIMARY);
    }

    @Test
    void standbyUnregistersAbandonsThePingInFlightAndThenSendsNothing() {
        registered(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, Duration.ofSeconds(30));
        primaryAnswers = false;
        TrunkAction.Ping ping = (TrunkAction.Ping) run(Duration.ofSeconds(2)).stream()
                .filter(TrunkAction.Ping.class::isInstance).findFirst().orElseThrow();

        List<TrunkAction> actions = state.standby();

        assertThat(actions).containsExactlyInAnyOrder(new TrunkAction.Unregister(PRIMARY),
                new TrunkAction.Abandon(ping.id()));
        TrunkStatus status = state.status();
        assertThat(status.registration()).isEqualTo(RegistrationState.STANDBY);
        assertThat(status.registeredUntil()).isNull();
        assertThat(state.registeredAt()).isEmpty();
        assertThat(state.onPingAnswered(ping.id())).isEmpty();
        assertThat(run(Duration.ofMinutes(5))).as("no refresh, no ping, no failover").isEmpty();
        assertThat(state.standby()).as("idempotent").isEmpty();
        assertThat(state.status().failovers()).isZero();
    }

    @Test
    void standbyWhileRegisteringAbandonsTheAttemptStillUnregistersAndIgnoresItsLateAnswer() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE);
        TrunkAction.Register first = only(state.start(), TrunkAction.Register.class);

        assertThat(state.standby()).containsExactly(new TrunkAction.Abandon(first.id()),
                new TrunkAction.Unregister(PRIMARY));

        assertThat(respond(first, 200, List.of())).isEmpty();
        assertThat(state.status().registration()).isEqualTo(RegistrationState.STANDBY);
    }

    @Test
    void reactivatedAtTheSamePbxItRepublishesEverythingNotJustWhatChanged() {
        registered(Optional.empty(), FailbackMode.WHEN_IDLE, Duration.ofSeconds(300));
        state.standby();

        TrunkAction.Register again = only(state.activate(), TrunkAction.Register.class);

        assertThat(again.pbx()).isEqualTo(PRIMARY);
        assertThat(respond(again, 200, List.of()))
                .as("another node may have set the lamps meanwhile").containsExactly(
                        new TrunkAction.Republish(PRIMARY, true));
        assertThat(state.activate()).as("idempotent").isEmpty();
    }

    @Test
    void standbyOnTheBackupUnregistersThereAndActivationStartsAtThePrimaryAgain() {
        onBackupAfterFailover(FailbackMode.WHEN_IDLE);

        assertThat(state.standby()).contains(new TrunkAction.Unregister(BACKUP));
        assertThat(state.status().pbxInUse()).isEqualTo(PRIMARY);
        assertThat(state.status().onBackup()).isFalse();

        TrunkAction.Register first = only(state.activate(), TrunkAction.Register.class);
        assertThat(first.pbx()).as("the lost primary is tried first: its loss is old news").isEqualTo(PRIMARY);
    }

    @Test
    void anActivatedTrunkFailsOverAsUsualWhenThePrimaryDoesNotAnswer() {
        trunk(Optional.of(BACKUP), FailbackMode.WHEN_IDLE, false);
        primaryAnswers = false;
        TrunkAction.Register first = only(state.activate(), TrunkAction.Register.class);

        List<TrunkAction> actions = run(TrunkState.REGISTER_TIMEOUT);

        assertThat(actions).contains(new TrunkAction.Abandon(first.id()));
        TrunkAction.Register atBackup = (TrunkAction.Register) actions.stream()
                .filter(TrunkAction.Register.class::isInstance).findFirst().orElseThrow();
        assertThat(atBackup.pbx()).isEqualTo(BACKUP);
        assertThat(respond(atBackup, 200, List.of())).containsExactly(new TrunkAction.Republish(BACKUP, true));
        assertThat(state.status().onBackup()).isTrue();
    }

    @Test
    void aForbiddenAccountIsTriedAgainOnTheNextActivation() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE);
        respond(only(state.start(), TrunkAction.Register.class), 403, List.of());

        assertThat(state.standby()).as("nothing registered: nothing to un-register").isEmpty();
        assertThat(state.status().registration()).isEqualTo(RegistrationState.STANDBY);

        assertThat(only(state.activate(), TrunkAction.Register.class).pbx()).isEqualTo(PRIMARY);
    }

    @Test
    void aClosedTrunkNeitherGoesStandbyNorActivatesAndClosingOneStandbyUnregistersNothing() {
        trunk(Optional.empty(), FailbackMode.WHEN_IDLE, false);

        assertThat(state.close()).isEmpty();

        assertThat(state.standby()).isEmpty();
        assertThat(state.activate()).isEmpty();
        assertThat(state.status().registration()).isEqualTo(RegistrationState.UNREGISTERED);
    }

    // --- helpers: a fake pair of PBXs answering pings as told, on the test clock

    private void registered(Optional<PbxAddress> backup, FailbackMode failback, Duration granted) {
        trunk(backup, failback);
        TrunkAction.Register first = only(state.start(), TrunkAction.Register.class);
        state.onRegisterResponse(first.id(), 200, Optional.of(granted), Optional.empty(), List.of());
        assertThat(state.status().registration()).isEqualTo(RegistrationState.REGISTERED);
    }

    private void onBackupAfterFailover(FailbackMode failback) {
        registered(Optional.of(BACKUP), failback, Duration.ofSeconds(300));
        primaryAnswers = false;
        TrunkAction.Register atBackup = null;
        while (atBackup == null) {
            atBackup = run(STEP).stream().filter(TrunkAction.Register.class::isInstance)
                    .map(TrunkAction.Register.class::cast).findFirst().orElse(null);
        }
        respond(atBackup, 200, List.of());
        assertThat(state.registeredAt()).contains(BACKUP);
    }

    private List<TrunkAction> respond(TrunkAction.Register register, int status, List<DigestChallenge> challenges) {
        return state.onRegisterResponse(register.id(), status, Optional.empty(), Optional.empty(), challenges);
    }

    /** Ticks the clock forward; pings are answered at once by the PBXs that answer. */
    private List<TrunkAction> run(Duration duration) {
        List<TrunkAction> all = new ArrayList<>();
        for (long done = 0; done < duration.toMillis(); done += STEP.toMillis()) {
            clock.advance(STEP);
            List<TrunkAction> actions = state.tick(calls);
            all.addAll(actions);
            for (TrunkAction action : actions) {
                if (action instanceof TrunkAction.Ping ping
                        && (ping.pbx().equals(PRIMARY) ? primaryAnswers : backupAnswers)) {
                    all.addAll(state.onPingAnswered(ping.id()));
                }
            }
        }
        return all;
    }

    private List<TrunkAction.Register> registersWithin(Duration duration) {
        return run(duration).stream().filter(TrunkAction.Register.class::isInstance)
                .map(TrunkAction.Register.class::cast).toList();
    }

    private TrunkAction.Register nextRegister(Duration within) {
        for (long waited = 0; waited < within.toMillis(); waited += STEP.toMillis()) {
            List<TrunkAction.Register> registers = registersWithin(STEP);
            if (!registers.isEmpty()) {
                return registers.getFirst();
            }
        }
        throw new AssertionError("no REGISTER within " + within);
    }

    private static <T extends TrunkAction> T only(List<TrunkAction> actions, Class<T> type) {
        assertThat(actions).hasSize(1).first().isInstanceOf(type);
        return type.cast(actions.getFirst());
    }
}
