package postbox.server.role;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import postbox.server.config.FailbackPolicy;
import postbox.server.config.Role;

/**
 * Decides whether a primary or backup node takes calls, from what it hears of its peer (NATS heartbeats and,
 * optionally, SIP OPTIONS answers), its own calls, and the administrator. Pure; not thread-safe (one
 * {@link PeerCoordinator} owns it and calls it from one thread).
 *
 * <p>The rules:
 * <ul>
 *   <li>A backup is standby while its primary is heard (a heartbeat, or an answer to a SIP ping, within the peer
 *       timeout). When the primary has been silent that long it becomes active. An administrator can activate it
 *       (it then stays active until deactivated) and deactivate it.</li>
 *   <li>An active backup that hears its primary again fails back by the {@link FailbackPolicy}: manual (only the
 *       administrator), graceful (once it has no call in progress) or automatic (graceful, or after the timeout).
 *       Failing back, it goes standby at once (503 to new calls) and hands its messages over.</li>
 *   <li>A primary is active unless its backup is heard active: then it is returning (503) until the backup has
 *       stood down. Starting, it listens for one peer timeout before taking calls. Once active, it stays active
 *       (after a split brain the backup is the one that stands down).</li>
 * </ul>
 */
public final class RoleMachine {

    private final Role role;
    private final FailbackPolicy failback;
    private final Duration peerTimeout;
    private final Instant startedAt;
    private NodeState state;
    private String reason;
    private PeerView peer;
    private Instant sipAnsweredAt;
    private boolean pinned;
    private boolean deactivateRequested;
    private Instant primaryBackSince;
    private long takeovers;

    /**
     * @param role        primary or backup
     * @param failback    how an active backup hands back
     * @param peerTimeout silence after which the peer counts as gone (3 s)
     * @param now         the start
     */
    public RoleMachine(Role role, FailbackPolicy failback, Duration peerTimeout, Instant now) {
        if (role != Role.PRIMARY && role != Role.BACKUP) {
            throw new IllegalArgumentException("only primary and backup nodes have a peer, not " + role);
        }
        this.role = role;
        this.failback = failback;
        this.peerTimeout = peerTimeout;
        this.startedAt = now;
        this.state = role == Role.PRIMARY ? NodeState.RETURNING : NodeState.STANDBY;
        this.reason = role == Role.PRIMARY ? "starting: listening for an active backup" : "starting as backup";
    }

    public NodeState state() {
        return state;
    }

    /** Why the node is in its state, for status and logs. */
    public String reason() {
        return reason;
    }

    public Optional<PeerView> peer() {
        return Optional.ofNullable(peer);
    }

    /** Times this backup took over because its primary fell silent (not an administrator's activation). */
    public long takeovers() {
        return takeovers;
    }

    /** A heartbeat from the peer. */
    public void heard(PeerView heartbeat) {
        peer = heartbeat;
    }

    /** The peer answered a SIP OPTIONS ping at {@code now}. */
    public void sipAnswered(Instant now) {
        sipAnsweredAt = now;
    }

    /** An administrator activates this backup: it stays active until deactivated. */
    public void activate() {
        requireBackup("activated");
        pinned = true;
        deactivateRequested = false;
    }

    /** An administrator deactivates this backup: it hands back (standby, messages handed over). */
    public void deactivate() {
        requireBackup("deactivated");
        pinned = false;
        deactivateRequested = true;
    }

    private void requireBackup(String what) {
        if (role != Role.BACKUP) {
            throw new IllegalStateException("only a backup node can be " + what + "; this node is " + role.token());
        }
    }

    /**
     * Moves the state on.
     *
     * @param activeCalls calls in progress on this node
     * @return true when the state changed (see {@link #state()} and {@link #reason()})
     */
    public boolean tick(Instant now, int activeCalls) {
        NodeState before = state;
        if (role == Role.PRIMARY) {
            tickPrimary(now);
        } else {
            tickBackup(now, activeCalls);
        }
        return state != before;
    }

    private boolean peerHeard(Instant now) {
        boolean heartbeat = peer != null && Duration.between(peer.heardAt(), now).compareTo(peerTimeout) < 0;
        boolean sip = sipAnsweredAt != null && Duration.between(sipAnsweredAt, now).compareTo(peerTimeout) < 0;
        return heartbeat || sip;
    }

    private boolean startingUp(Instant now) {
        return Duration.between(startedAt, now).compareTo(peerTimeout) < 0;
    }

    private void tickPrimary(Instant now) {
        boolean backupActive = peer != null && peerHeard(now) && peer.state() == NodeState.ACTIVE;
        if (state == NodeState.ACTIVE) {
            return;
        }
        if (backupActive) {
            reason = "backup " + peer.node() + " is active: waiting for it to hand back";
        } else if (!startingUp(now) || (peer != null && peerHeard(now))) {
            state = NodeState.ACTIVE;
            reason = peer == null ? "no backup heard" : "backup " + peer.node() + " is " + peer.state().token();
        }
    }

    private void tickBackup(Instant now, int activeCalls) {
        boolean primaryHeard = peerHeard(now);
        if (state == NodeState.STANDBY) {
            deactivateRequested = false;
            if (pinned) {
                state = NodeState.ACTIVE;
                reason = "activated by an administrator";
            } else if (!primaryHeard && !startingUp(now)) {
                state = NodeState.ACTIVE;
                takeovers++;
                reason = "primary " + (peer == null ? "" : peer.node() + " ") + "silent for " + peerTimeout.toSeconds()
                        + " s: taking over";
            }
            primaryBackSince = null;
            return;
        }
        if (deactivateRequested) {
            standDown("deactivated by an administrator");
            return;
        }
        if (pinned || !primaryHeard) {
            primaryBackSince = null;
            return;
        }
        if (primaryBackSince == null) {
            primaryBackSince = now;
        }
        String primary = "primary " + (peer == null ? "" : peer.node() + " ");
        switch (failback.mode()) {
            case MANUAL -> reason = primary + "is back; failback is manual: deactivate this backup to hand back";
            case GRACEFUL -> {
                if (activeCalls == 0) {
                    standDown(primary + "is back: handing back (graceful)");
                } else {
                    reason = primary + "is back: handing back once " + activeCalls + " calls end";
                }
            }
            case AUTOMATIC -> {
                if (activeCalls == 0) {
                    standDown(primary + "is back: handing back (automatic)");
                } else if (Duration.between(primaryBackSince, now).compareTo(failback.timeout()) >= 0) {
                    standDown(primary + "is back: handing back after " + failback.timeout().toMinutes()
                            + " min with " + activeCalls + " calls still up");
                } else {
                    reason = primary + "is back: handing back once " + activeCalls + " calls end (at most "
                            + failback.timeout().toMinutes() + " min)";
                }
            }
        }
    }

    private void standDown(String why) {
        state = NodeState.STANDBY;
        reason = why;
        deactivateRequested = false;
        primaryBackSince = null;
    }
}
