package postbox.server;

import java.time.Instant;
import java.util.Locale;
import postbox.media.MediaStats;
import postbox.server.role.Pairing;
import postbox.sip.TrunkStatus;

/**
 * What {@code GET /api/status} shows.
 *
 * @param node          {@code node.name}
 * @param role          the node's role
 * @param state         {@code active} (a standalone node always is)
 * @param version       the server's version
 * @param activeCalls   calls in progress
 * @param portLimit     {@code node.ports}
 * @param sip           where SIP is heard (UDP and TCP)
 * @param trunk         the PBX trunk: registration, PBX in use, failovers
 * @param pairing       a primary's or backup's link to the other: state and why, peer, sync, handover; null when
 *                      standalone
 * @param uptimeSeconds since start
 * @param media         the media engine's counters
 */
public record NodeStatus(String node, String role, String state, String version, int activeCalls, int portLimit,
                         String sip, Trunk trunk, Pairing.Status pairing, long uptimeSeconds, MediaStats media) {

    /**
     * The trunk as the API shows it.
     *
     * @param registration        {@code not configured}, {@code registering}, {@code registered}, {@code retrying},
     *                            {@code forbidden} (the PBX refused the account: fix it and restart) or
     *                            {@code unregistered}
     * @param pbx                 the PBX in use ({@code host:port[;transport=tcp]}), null without a trunk
     * @param onBackup            whether that is the backup PBX
     * @param registeredUntil     when the registration expires unless refreshed
     * @param lastFailover        when the node last moved to another PBX
     * @param lastFailoverReason  why
     * @param failovers           moves to another PBX since start
     * @param registrationFailures failed registration attempts since start
     */
    public record Trunk(String registration, String pbx, boolean onBackup, Instant registeredUntil,
                        Instant lastFailover, String lastFailoverReason, long failovers, long registrationFailures) {

        static final Trunk NOT_CONFIGURED = new Trunk("not configured", null, false, null, null, null, 0, 0);

        static Trunk of(TrunkStatus status) {
            return new Trunk(status.registration().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    status.pbxInUse().toString(), status.onBackup(), status.registeredUntil(), status.lastFailover(),
                    status.lastFailoverReason(), status.failovers(), status.registrationFailures());
        }
    }
}
