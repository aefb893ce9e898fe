package postbox.sip;

/**
 * The life of one incoming call as a state machine, apart from JAIN-SIP: for each event (the handler's answer,
 * ACK, CANCEL, BYE, hangup, timeouts) the message to send and the listener callbacks to make, so that whatever the
 * order of events every accepted call's listener hears {@code onEnded} exactly once. A hangup before the answer
 * turns it into 480; a hangup after the 200 OK but before its ACK waits for the ACK (RFC 3261 section 15), then
 * sends BYE. Thread-safe: every transition is synchronized; the caller carries out the returned {@link Step}.
 */
final class CallState {

    /** Where the call is. */
    enum Phase {
        /** INVITE received; the handler has not answered yet. */
        OFFERED,
        /** 200 OK sent, no ACK yet. */
        ANSWERED,
        /** ACK received. */
        ESTABLISHED,
        /** Over. */
        ENDED
    }

    /** The SIP message a transition calls for. */
    enum Send {
        NOTHING,
        /** 180 Ringing then 200 OK with the SDP answer. */
        ANSWER,
        /** The handler's rejection (or 500 when it failed). */
        REJECT,
        /** 487 Request Terminated for the INVITE. */
        REQUEST_TERMINATED,
        /** 480 Temporarily Unavailable for the INVITE. */
        TEMPORARILY_UNAVAILABLE,
        /** BYE in the dialog. */
        BYE
    }

    /**
     * What to do after a transition, in this order: send, then tell the listener.
     *
     * @param send        the message to send
     * @param established whether to call {@code onEstablished}
     * @param ended       the reason to pass to {@code onEnded}, or null for no call
     */
    record Step(Send send, boolean established, EndReason ended) {
        static final Step NONE = new Step(Send.NOTHING, false, null);
    }

    private Phase phase = Phase.OFFERED;
    private boolean hangupRequested;
    private boolean listenerKnown;
    private boolean endReported;
    private EndReason endReason;

    /** The handler accepted the call: its listener is known from now on. */
    synchronized Step accept() {
        listenerKnown = true;
        return switch (phase) {
            case OFFERED -> {
                if (hangupRequested) {
                    yield end(EndReason.LOCAL_BYE, Send.TEMPORARILY_UNAVAILABLE);
                }
                phase = Phase.ANSWERED;
                yield new Step(Send.ANSWER, false, null);
            }
            case ENDED -> new Step(Send.NOTHING, false, reportEnd());
            case ANSWERED, ESTABLISHED -> Step.NONE;
        };
    }

    /** The handler rejected the call (or failed): there is no listener to tell. */
    synchronized Step reject() {
        if (phase != Phase.OFFERED) {
            return Step.NONE;
        }
        phase = Phase.ENDED;
        return new Step(Send.REJECT, false, null);
    }

    /** A CANCEL arrived: it only wins before the final response. */
    synchronized Step cancel() {
        return phase == Phase.OFFERED ? end(EndReason.CANCELLED, Send.REQUEST_TERMINATED) : Step.NONE;
    }

    /** The ACK for a 2xx arrived (the first one, or one for a re-INVITE). */
    synchronized Step ack() {
        if (phase != Phase.ANSWERED) {
            return Step.NONE;
        }
        if (hangupRequested) {
            return end(EndReason.LOCAL_BYE, Send.BYE);
        }
        phase = Phase.ESTABLISHED;
        return new Step(Send.NOTHING, true, null);
    }

    /** Postbox hangs up. */
    synchronized Step hangup() {
        return switch (phase) {
            case OFFERED, ANSWERED -> {
                hangupRequested = true;
                yield Step.NONE;
            }
            case ESTABLISHED -> end(EndReason.LOCAL_BYE, Send.BYE);
            case ENDED -> Step.NONE;
        };
    }

    /** The peer sent BYE. */
    synchronized Step remoteBye() {
        return phase == Phase.ENDED ? Step.NONE : end(EndReason.REMOTE_BYE, Send.NOTHING);
    }

    /** The 200 OK was never acknowledged. */
    synchronized Step ackTimeout() {
        return phase == Phase.ANSWERED ? end(EndReason.TIMEOUT, Send.BYE) : Step.NONE;
    }

    /** The dialog or transport failed under the call. */
    synchronized Step failed() {
        return phase == Phase.ENDED ? Step.NONE : end(EndReason.ERROR, Send.NOTHING);
    }

    /** The endpoint closes: answered calls get a BYE at once, a call still being decided gets 480. */
    synchronized Step shutdown() {
        return switch (phase) {
            case OFFERED -> {
                hangupRequested = true;
                yield Step.NONE;
            }
            case ANSWERED, ESTABLISHED -> end(EndReason.LOCAL_BYE, Send.BYE);
            case ENDED -> Step.NONE;
        };
    }

    synchronized Phase phase() {
        return phase;
    }

    private Step end(EndReason reason, Send send) {
        phase = Phase.ENDED;
        endReason = reason;
        return new Step(send, false, reportEnd());
    }

    private EndReason reportEnd() {
        if (!listenerKnown || endReported) {
            return null;
        }
        endReported = true;
        return endReason;
    }
}
