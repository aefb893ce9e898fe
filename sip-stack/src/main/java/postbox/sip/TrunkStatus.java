package postbox.sip;

import java.time.Instant;

/**
 * A snapshot of the trunk, for status pages and metrics. Immutable.
 *
 * @param pbxInUse             the PBX Postbox registers at and sends MWI to
 * @param onBackup             whether that is the backup PBX
 * @param registration         the registration state there
 * @param registeredUntil      when the current registration runs out, null when not registered
 * @param lastFailover         when the trunk last switched PBX (to the backup or back), null when never
 * @param lastFailoverReason   why, e.g. {@code primary 127.0.0.1:5080: 2 OPTIONS unanswered}; null when never
 * @param failovers            switches of PBX since the start, both ways
 * @param registrationFailures REGISTERs that ended without a registration (refused, wrong credentials, errors,
 *                             timeouts) since the start
 */
public record TrunkStatus(PbxAddress pbxInUse, boolean onBackup, RegistrationState registration,
                          Instant registeredUntil, Instant lastFailover, String lastFailoverReason, long failovers,
                          long registrationFailures) {
}
