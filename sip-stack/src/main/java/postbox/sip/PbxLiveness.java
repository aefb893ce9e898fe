package postbox.sip;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether one PBX is alive, from OPTIONS pings and failed transactions: a ping unanswered within
 * {@link #PING_TIMEOUT} is a miss and is re-sent at once; {@link #MISSES_FOR_LOSS} misses in a row, or a failed
 * transaction, and the PBX is lost; any answer and it is alive again. Pure; not thread-safe (its
 * {@link TrunkState} owns it).
 */
final class PbxLiveness {

    /**
     * How long a ping may go unanswered before it counts as a miss: a PBX answers OPTIONS in milliseconds; with
     * the 2 s interval and one re-ping, a PBX that dies just after a ping is lost 3.6 s later at worst.
     */
    static final Duration PING_TIMEOUT = Duration.ofMillis(800);
    /** Misses in a row that make a PBX lost. */
    static final int MISSES_FOR_LOSS = 2;

    private final PbxAddress address;
    private final String role;
    private int misses;
    private boolean lost;
    private long pingId = -1;
    private Instant pingSentAt;
    private Instant nextPingAt;

    PbxLiveness(PbxAddress address, String role, Instant firstPingAt) {
        this.address = address;
        this.role = role;
        this.nextPingAt = firstPingAt;
    }

    PbxAddress address() {
        return address;
    }

    /** {@code primary 127.0.0.1:5080}, for logs and failover reasons. */
    String name() {
        return role + " " + address;
    }

    boolean lost() {
        return lost;
    }

    /** The id of the ping awaiting an answer, or -1. */
    long outstandingPing() {
        return pingId;
    }

    /** A ping to send now ({@code id} is used if so), or empty when one is out or none is due. */
    Optional<TrunkAction.Ping> pingIfDue(Instant now, Duration interval, long id) {
        if (pingId >= 0 || now.isBefore(nextPingAt)) {
            return Optional.empty();
        }
        pingId = id;
        pingSentAt = now;
        nextPingAt = now.plus(interval);
        return Optional.of(new TrunkAction.Ping(id, address));
    }

    /**
     * The outstanding ping's id if it just timed out (a miss), else -1. After a miss that does not lose the PBX,
     * the next ping is due at once.
     */
    long missIfLate(Instant now) {
        if (pingId < 0 || now.isBefore(pingSentAt.plus(PING_TIMEOUT))) {
            return -1;
        }
        long missed = pingId;
        pingId = -1;
        misses++;
        if (misses >= MISSES_FOR_LOSS) {
            lost = true;
        } else {
            nextPingAt = now;
        }
        return missed;
    }

    /** Drops the outstanding ping without counting it (the PBX is no longer pinged); its id, or -1. */
    long forgetPing() {
        long forgotten = pingId;
        pingId = -1;
        return forgotten;
    }

    /** An answer to ping {@code id}; true when it was this PBX's outstanding one. */
    boolean pingAnswered(long id) {
        if (id != pingId) {
            return false;
        }
        pingId = -1;
        return true;
    }

    /** The PBX answered something: alive. True when it had been lost. */
    boolean answered() {
        boolean wasLost = lost;
        misses = 0;
        lost = false;
        return wasLost;
    }

    /** A transaction with the PBX failed: lost. True when it had not been lost yet. */
    boolean failed() {
        boolean wasAlive = !lost;
        lost = true;
        return wasAlive;
    }

    /** Starts afresh after a pause without pings (standby): alive, no miss counted, first ping at the given time. */
    void restart(Instant firstPingAt) {
        pingId = -1;
        misses = 0;
        lost = false;
        nextPingAt = firstPingAt;
    }

    /** Pinging starts (again) one interval from now, unless a ping is out. */
    void pingFrom(Instant now, Duration interval) {
        if (pingId < 0) {
            nextPingAt = now.plus(interval);
        }
    }
}
