package postbox.sip;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Postbox's trunk to its PBX: where to register (a primary and optionally a backup PBX), the account, and the
 * timers. Immutable; validated on construction (null expires / pingInterval / failback take the defaults).
 *
 * @param primary      the PBX in normal use
 * @param backup       the PBX to fail over to when the primary is lost
 * @param user         the account: REGISTER's From/To user and the Contact user the PBX sends calls to
 * @param password     the account's password, for digest challenges
 * @param expires      the registration lifetime asked for (default 300 s; 1 s to 1 day)
 * @param pingInterval how often the PBX in use is sent OPTIONS (default 2 s; 200 ms to 60 s)
 * @param failback     when to go back to the primary once it answers again (default {@link FailbackMode#WHEN_IDLE})
 */
public record TrunkConfig(PbxAddress primary, Optional<PbxAddress> backup, String user, String password,
                          Duration expires, Duration pingInterval, FailbackMode failback) {

    /** The registration lifetime asked for unless configured. */
    public static final Duration DEFAULT_EXPIRES = Duration.ofSeconds(300);
    /** The OPTIONS ping interval unless configured. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(2);

    public TrunkConfig {
        Objects.requireNonNull(primary, "primary");
        backup = backup == null ? Optional.empty() : backup;
        expires = expires == null ? DEFAULT_EXPIRES : expires;
        pingInterval = pingInterval == null ? DEFAULT_PING_INTERVAL : pingInterval;
        failback = failback == null ? FailbackMode.WHEN_IDLE : failback;
        if (user == null || user.isBlank() || !user.matches("[A-Za-z0-9._!~*'()&=+$,;?/%-]+")) {
            throw new IllegalArgumentException("the trunk user must be a non-empty SIP user part, was '" + user + "'");
        }
        Objects.requireNonNull(password, "password");
        if (backup.filter(primary::equals).isPresent()) {
            throw new IllegalArgumentException("the backup PBX " + primary + " is the primary itself");
        }
        if (expires.compareTo(Duration.ofSeconds(1)) < 0 || expires.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("the trunk expires must be 1 s to 1 day, was " + expires);
        }
        if (pingInterval.compareTo(Duration.ofMillis(200)) < 0 || pingInterval.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("the PBX ping interval must be 200 ms to 60 s, was " + pingInterval);
        }
    }

    /** A trunk with the default expires (300 s), ping interval (2 s) and failback ({@code WHEN_IDLE}). */
    public static TrunkConfig of(PbxAddress primary, Optional<PbxAddress> backup, String user, String password) {
        return new TrunkConfig(primary, backup, user, password, DEFAULT_EXPIRES, DEFAULT_PING_INTERVAL,
                FailbackMode.WHEN_IDLE);
    }
}
