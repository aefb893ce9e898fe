package postbox.sip;

import java.time.Duration;
import java.util.Optional;

/** What {@link TrunkState} asks the SIP side to do. Immutable values. */
sealed interface TrunkAction {

    /**
     * Send a REGISTER (with the PBX's stable Call-ID and the next CSeq).
     *
     * @param id        the attempt, to report its outcome with
     * @param pbx       where
     * @param expires   the Expires to ask for
     * @param answering the challenge to answer with credentials, if any
     */
    record Register(long id, PbxAddress pbx, Duration expires, Optional<DigestChallenge> answering)
            implements TrunkAction {
    }

    /** Send a REGISTER with Expires 0 (answering one challenge); its outcome does not matter. */
    record Unregister(PbxAddress pbx) implements TrunkAction {
    }

    /** Send an OPTIONS ping; report any response with its id. */
    record Ping(long id, PbxAddress pbx) implements TrunkAction {
    }

    /** Give up the request with this id (its own timer ran out): stop retransmitting it. */
    record Abandon(long id) implements TrunkAction {
    }

    /**
     * Newly registered at {@code pbx}: send it the MWI state it may lack — every mailbox with messages when
     * {@code everything} (a PBX not registered at last time), else what changed since it was last told.
     */
    record Republish(PbxAddress pbx, boolean everything) implements TrunkAction {
    }
}
