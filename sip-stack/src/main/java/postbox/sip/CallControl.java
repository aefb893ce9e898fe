package postbox.sip;

import java.util.concurrent.CompletableFuture;

/** Postbox's handle on one call's dialog. Thread-safe; its methods return at once. */
public interface CallControl {

    /** The SIP Call-ID. */
    String callId();

    /** Ends the call: BYE once established, or a final 480 response before that. Idempotent. */
    void hangup();

    /**
     * Transfers the established call to {@code number} at the PBX it came from (a blind transfer: RFC 3515 REFER
     * with {@code Refer-To: sip:NUMBER@PBX}). Returns at once.
     *
     * @return completes true once the PBX reports that the target answered (a NOTIFY with a 2xx sipfrag); false
     *         when the call is not established, the PBX refused the REFER or reported a failure, or nothing final
     *         came within {@value SipCall#TRANSFER_TIMEOUT_SECONDS} s. After true the caller is with the target:
     *         hang up this leg (the PBX may already have).
     */
    CompletableFuture<Boolean> transfer(String number);
}
