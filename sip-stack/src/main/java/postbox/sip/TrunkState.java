package postbox.sip;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trunk's decisions, apart from JAIN-SIP: registration (challenges answered once, refresh before expiry,
 * capped backoff, 403 stops everything), PBX liveness ({@link PbxLiveness}) and the switch between primary and
 * backup PBX (failover when the PBX in use is lost and the other is not; failback to the primary when it answers
 * again, at once or once no call is in progress), and standby (un-registered and silent until activated, then
 * registering at the primary at once). Events in, {@link TrunkAction}s out; timers are deadlines checked by
 * {@link #tick(int)}. Not thread-safe: one thread (the endpoint's scheduler) drives it.
 */
final class TrunkState {

    /** How long a REGISTER may go unanswered before it counts as failed (and its PBX as lost). */
    static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(3);
    /** The first retry delay after a failed REGISTER; it doubles each time up to {@link #RETRY_CAP}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration RETRY_CAP = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(TrunkState.class);

    /** A REGISTER awaiting its final response. */
    private record Attempt(long id, PbxAddress pbx, Instant sentAt, boolean answersChallenge) {
    }

    private final TrunkConfig config;
    private final InstantSource clock;
    private final PbxLiveness primary;
    private final Optional<PbxLiveness> backup;
    private final Backoff backoff = new Backoff(FIRST_RETRY, RETRY_CAP);
    private PbxLiveness inUse;
    private RegistrationState phase;
    private Attempt pending;
    private Duration expires;
    private Instant registeredUntil;
    private Instant refreshAt;
    private Instant retryAt;
    private PbxAddress lastRegistered;
    private Instant lastFailover;
    private String lastFailoverReason;
    private long failovers;
    private long registrationFailures;
    private int activeCalls;
    private long nextId = 1;

    /**
     * @param active false to be born {@link RegistrationState#STANDBY standby}: nothing is sent until
     *               {@link #activate()}
     */
    TrunkState(TrunkConfig config, InstantSource clock, boolean active) {
        this.config = config;
        this.clock = clock;
        Instant firstPing = clock.instant().plus(config.pingInterval());
        this.primary = new PbxLiveness(config.primary(), "primary", firstPing);
        this.backup = config.backup().map(b -> new PbxLiveness(b, "backup", firstPing));
        this.inUse = primary;
        this.expires = config.expires();
        this.phase = active ? RegistrationState.REGISTERING : RegistrationState.STANDBY;
    }

    /** The first REGISTER, at the primary; nothing when born standby. */
    List<TrunkAction> start() {
        List<TrunkAction> actions = new ArrayList<>();
        if (phase == RegistrationState.REGISTERING && pending == null) {
            register(actions, Optional.empty());
        }
        return actions;
    }

    /**
     * Goes standby: un-REGISTERs where (perhaps) registered, unless that PBX is lost, and abandons the attempt and
     * the pings in flight; then nothing is sent until {@link #activate()}. From {@link RegistrationState#FORBIDDEN}
     * too (an activation then tries the account again). Nothing to do when standby already or closed.
     */
    List<TrunkAction> standby() {
        List<TrunkAction> actions = new ArrayList<>();
        if (phase == RegistrationState.STANDBY || phase == RegistrationState.UNREGISTERED) {
            return actions;
        }
        unregister(actions);
        for (PbxLiveness pbx : pbxs()) {
            long dropped = pbx.forgetPing();
            if (dropped >= 0) {
                actions.add(new TrunkAction.Abandon(dropped));
            }
        }
        phase = RegistrationState.STANDBY;
        inUse = primary;
        // Another node may have set the lamps meanwhile: the next registration republishes everything.
        lastRegistered = null;
        log.info("trunk standby: un-registered, no more REGISTERs or pings until activated");
        return actions;
    }

    /**
     * Leaves standby: registers at once at the primary (then fails over as usual); both PBXs count as alive and are
     * pinged from one interval on. Once registered, the PBX gets the MWI state of every mailbox with messages
     * ({@link TrunkAction.Republish} with {@code everything}). Nothing to do when not standby.
     */
    List<TrunkAction> activate() {
        List<TrunkAction> actions = new ArrayList<>();
        if (phase != RegistrationState.STANDBY) {
            return actions;
        }
        Instant firstPing = clock.instant().plus(config.pingInterval());
        pbxs().forEach(pbx -> pbx.restart(firstPing));
        inUse = primary;
        backoff.reset();
        phase = RegistrationState.REGISTERING;
        log.info("trunk active: registering at the {}", primary.name());
        register(actions, Optional.empty());
        return actions;
    }

    /**
     * Checks the timers (ping and REGISTER timeouts, pings due, refresh, retry) and whether to switch PBX.
     *
     * @param calls the calls in progress now (for {@link FailbackMode#WHEN_IDLE})
     */
    List<TrunkAction> tick(int calls) {
        activeCalls = calls;
        List<TrunkAction> actions = new ArrayList<>();
        if (stopped()) {
            return actions;
        }
        Instant now = clock.instant();
        for (PbxLiveness pbx : pbxs()) {
            long missed = pbx.missIfLate(now);
            if (missed >= 0) {
                actions.add(new TrunkAction.Abandon(missed));
                if (pbx.lost()) {
                    lost(actions, pbx, PbxLiveness.MISSES_FOR_LOSS + " OPTIONS unanswered");
                }
            }
        }
        if (pending != null && !now.isBefore(pending.sentAt().plus(REGISTER_TIMEOUT))) {
            actions.add(new TrunkAction.Abandon(pending.id()));
            PbxLiveness unanswered = liveness(pending.pbx());
            pending = null;
            failed("REGISTER unanswered for " + REGISTER_TIMEOUT.toSeconds() + " s");
            if (unanswered.failed()) {
                lost(actions, unanswered, "REGISTER unanswered");
            }
        }
        reconsider(actions);
        for (PbxLiveness pbx : pbxs()) {
            if (pinged(pbx)) {
                pbx.pingIfDue(now, config.pingInterval(), nextId).ifPresent(ping -> {
                    nextId++;
                    actions.add(ping);
                });
            } else {
                long dropped = pbx.forgetPing();
                if (dropped >= 0) {
                    actions.add(new TrunkAction.Abandon(dropped));
                }
            }
        }
        if (pending == null && !stopped()) {
            boolean refreshDue = phase == RegistrationState.REGISTERED && !now.isBefore(refreshAt);
            boolean retryDue = phase == RegistrationState.RETRYING && !now.isBefore(retryAt);
            if (refreshDue || retryDue) {
                register(actions, Optional.empty());
            }
        }
        return actions;
    }

    /** Any response to ping {@code id}. */
    List<TrunkAction> onPingAnswered(long id) {
        List<TrunkAction> actions = new ArrayList<>();
        for (PbxLiveness pbx : pbxs()) {
            if (pbx.pingAnswered(id)) {
                alive(pbx);
            }
        }
        reconsider(actions);
        return actions;
    }

    /**
     * The final response to REGISTER attempt {@code id}.
     *
     * @param status     the status code
     * @param granted    the expiry the PBX granted (Contact expires or Expires), on 2xx
     * @param minExpires the {@code Min-Expires} of a 423
     * @param challenges the digest challenges of a 401 / 407 that Postbox can answer
     */
    List<TrunkAction> onRegisterResponse(long id, int status, Optional<Duration> granted,
                                         Optional<Duration> minExpires, List<DigestChallenge> challenges) {
        List<TrunkAction> actions = new ArrayList<>();
        if (pending == null || pending.id() != id || stopped()) {
            return actions;
        }
        Attempt attempt = pending;
        pending = null;
        alive(liveness(attempt.pbx()));
        Instant now = clock.instant();
        if (status / 100 == 2) {
            registered(actions, now, granted.filter(g -> !g.isZero()).orElse(expires));
        } else if (status == 401 || status == 407) {
            Optional<DigestChallenge> challenge = DigestChallenge.preferred(challenges);
            if (challenge.isEmpty()) {
                failed(status + " without a digest challenge Postbox can answer");
            } else if (attempt.answersChallenge() && !challenge.get().stale()) {
                failed(status + " again after answering the challenge: wrong user or password for '"
                        + config.user() + "'");
            } else {
                register(actions, challenge);
            }
        } else if (status == 403) {
            registrationFailures++;
            phase = RegistrationState.FORBIDDEN;
            registeredUntil = null;
            log.error("the PBX {} refused the account '{}' (403 Forbidden): no more REGISTERs until restart",
                    inUse.name(), config.user());
        } else if (status == 423 && minExpires.filter(m -> m.compareTo(expires) > 0).isPresent()) {
            expires = minExpires.get();
            log.info("the PBX {} wants Expires of at least {} s: asking for that", inUse.name(), expires.toSeconds());
            register(actions, Optional.empty());
        } else {
            failed("answered " + status);
        }
        reconsider(actions);
        return actions;
    }

    /** The request with this id failed at the transaction level (timeout, transport error). */
    List<TrunkAction> onRequestFailed(long id, String reason) {
        List<TrunkAction> actions = new ArrayList<>();
        if (stopped()) {
            return actions;
        }
        if (pending != null && pending.id() == id) {
            PbxLiveness pbx = liveness(pending.pbx());
            pending = null;
            failed("REGISTER failed: " + reason);
            if (pbx.failed()) {
                lost(actions, pbx, "REGISTER failed: " + reason);
            }
        }
        for (PbxLiveness pbx : pbxs()) {
            if (pbx.outstandingPing() == id) {
                pbx.forgetPing();
                if (pbx.failed()) {
                    lost(actions, pbx, "OPTIONS failed: " + reason);
                }
            }
        }
        reconsider(actions);
        return actions;
    }

    /** Something sent to {@code pbx} outside the trunk's own requests failed (an MWI NOTIFY, a transport error). */
    List<TrunkAction> onPbxFailed(PbxAddress pbx, String reason) {
        List<TrunkAction> actions = new ArrayList<>();
        PbxLiveness failed = liveness(pbx);
        if (stopped() || failed == null) {
            return actions;
        }
        if (failed.failed()) {
            lost(actions, failed, reason);
        }
        reconsider(actions);
        return actions;
    }

    /** Shutting down: un-REGISTER where (perhaps) registered, unless that PBX is lost; nothing more afterwards. */
    List<TrunkAction> close() {
        List<TrunkAction> actions = new ArrayList<>();
        unregister(actions);
        if (phase != RegistrationState.FORBIDDEN) {
            phase = RegistrationState.UNREGISTERED;
        }
        return actions;
    }

    /** Abandons the attempt in flight and un-REGISTERs where (perhaps) registered, unless that PBX is lost. */
    private void unregister(List<TrunkAction> actions) {
        if (pending != null) {
            actions.add(new TrunkAction.Abandon(pending.id()));
        }
        boolean maybeRegistered = phase == RegistrationState.REGISTERED
                || (pending != null && phase != RegistrationState.FORBIDDEN);
        if (maybeRegistered && !inUse.lost()) {
            actions.add(new TrunkAction.Unregister(inUse.address()));
        }
        pending = null;
        registeredUntil = null;
    }

    /** The PBX Postbox is registered at, if it is. */
    Optional<PbxAddress> registeredAt() {
        return phase == RegistrationState.REGISTERED ? Optional.of(inUse.address()) : Optional.empty();
    }

    TrunkStatus status() {
        return new TrunkStatus(inUse.address(), inUse != primary, phase, registeredUntil, lastFailover,
                lastFailoverReason, failovers, registrationFailures);
    }

    private boolean stopped() {
        return phase == RegistrationState.FORBIDDEN || phase == RegistrationState.UNREGISTERED
                || phase == RegistrationState.STANDBY;
    }

    private List<PbxLiveness> pbxs() {
        return backup.map(b -> List.of(primary, b)).orElse(List.of(primary));
    }

    private PbxLiveness liveness(PbxAddress address) {
        return pbxs().stream().filter(p -> p.address().equals(address)).findFirst().orElse(null);
    }

    private Optional<PbxLiveness> other() {
        return backup.map(b -> inUse == primary ? b : primary);
    }

    /** The PBX in use, the primary (watched for failback) and any lost PBX (watched for its return). */
    private boolean pinged(PbxLiveness pbx) {
        return pbx == inUse || pbx == primary || pbx.lost();
    }

    private void alive(PbxLiveness pbx) {
        if (pbx.answered()) {
            log.info("the {} answers again", pbx.name());
            if (pbx == inUse && phase == RegistrationState.RETRYING) {
                retryAt = clock.instant();
            }
        }
    }

    private void lost(List<TrunkAction> actions, PbxLiveness pbx, String reason) {
        log.warn("the {} is lost: {}", pbx.name(), reason);
        if (pbx != inUse) {
            return;
        }
        Optional<PbxLiveness> other = other().filter(o -> !o.lost());
        if (other.isPresent()) {
            switchTo(actions, other.get(), pbx.name() + ": " + reason);
        } else if (phase == RegistrationState.REGISTERED) {
            phase = RegistrationState.RETRYING;
            registeredUntil = null;
            retryAt = clock.instant().plus(backoff.next());
        }
    }

    /** Failback when the primary is alive again while on the backup (and the mode allows it now). */
    private void reconsider(List<TrunkAction> actions) {
        if (stopped() || inUse == primary || primary.lost()) {
            return;
        }
        if (inUse.lost() || config.failback() == FailbackMode.IMMEDIATE || activeCalls == 0) {
            switchTo(actions, primary, primary.name() + " answers again");
        }
    }

    private void switchTo(List<TrunkAction> actions, PbxLiveness to, String reason) {
        PbxLiveness from = inUse;
        if (phase == RegistrationState.REGISTERED && !from.lost()) {
            actions.add(new TrunkAction.Unregister(from.address()));
        }
        if (pending != null) {
            actions.add(new TrunkAction.Abandon(pending.id()));
            pending = null;
        }
        inUse = to;
        failovers++;
        lastFailover = clock.instant();
        lastFailoverReason = reason;
        backoff.reset();
        registeredUntil = null;
        phase = RegistrationState.REGISTERING;
        to.pingFrom(clock.instant(), config.pingInterval());
        log.warn("trunk switches from the {} to the {}: {}", from.name(), to.name(), reason);
        register(actions, Optional.empty());
    }

    private void register(List<TrunkAction> actions, Optional<DigestChallenge> answering) {
        pending = new Attempt(nextId++, inUse.address(), clock.instant(), answering.isPresent());
        actions.add(new TrunkAction.Register(pending.id(), inUse.address(), expires, answering));
    }

    private void registered(List<TrunkAction> actions, Instant now, Duration granted) {
        boolean fresh = phase != RegistrationState.REGISTERED;
        phase = RegistrationState.REGISTERED;
        backoff.reset();
        registeredUntil = now.plus(granted);
        refreshAt = now.plus(refreshDelay(granted));
        if (fresh) {
            log.info("registered at the {} as '{}' for {} s", inUse.name(), config.user(), granted.toSeconds());
            actions.add(new TrunkAction.Republish(inUse.address(), !inUse.address().equals(lastRegistered)));
            lastRegistered = inUse.address();
        }
    }

    /** 80 % of the granted expiry or 10 s before it, whichever is earlier, but at least 1 s. */
    static Duration refreshDelay(Duration granted) {
        Duration delay = granted.multipliedBy(4).dividedBy(5);
        Duration tenBefore = granted.minusSeconds(10);
        if (tenBefore.compareTo(delay) < 0) {
            delay = tenBefore;
        }
        return delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay;
    }

    private void failed(String reason) {
        registrationFailures++;
        phase = RegistrationState.RETRYING;
        registeredUntil = null;
        Duration delay = backoff.next();
        retryAt = clock.instant().plus(delay);
        log.warn("registration at the {} failed ({}): next try in {} s", inUse.name(), reason, delay.toSeconds());
    }
}
