package postbox.bench.sip;

import java.util.List;

/**
 * One benchmark call's SIP side: INVITE (retransmitted on timer A until a response), 100/180 (retransmissions
 * stop), 200 (ACK, answered; a retransmitted 200 is ACKed again), a failure (ACKed, failed), BYE (retransmitted
 * on timer E until its response), a BYE from the server (200 OK, ended). It returns the text to send and leaves
 * the socket and the timers to {@link SipAgent}. Thread-safe (every method is synchronized): the agent's
 * receive thread, its timer thread and the launcher all touch it.
 */
public final class UacCall {
    /** Where the call is. */
    public enum State { IDLE, CALLING, PROCEEDING, CONFIRMED, TERMINATING, ENDED, FAILED }

    /** What a step did to the call, for the benchmark to act on. */
    public enum Outcome { NONE, ANSWERED, FAILED, ENDED }

    /** The messages to send now and what happened. */
    public record Step(List<String> send, Outcome outcome) {
        static final Step NOTHING = new Step(List.of(), Outcome.NONE);

        static Step of(String text, Outcome outcome) {
            return new Step(text == null ? List.of() : List.of(text), outcome);
        }
    }

    /** How long a transaction may go unanswered (64 × T1, timers B and F). */
    public static final long TRANSACTION_TIMEOUT_NANOS = 32_000_000_000L;

    private final int index;
    private final UacMessages messages;
    private final UacMessages.Party party;
    private final String offer;
    private State state = State.IDLE;
    private int branches;
    private String inviteBranch;
    private String inviteText;
    private String ackText;
    private String byeText;
    private long inviteNanos;
    private long answerNanos;
    private long transactionStartNanos;
    private String answerTag;
    private String contact;
    private Sdp.Answer answer;
    private String failure;
    private boolean endedByServer;

    /**
     * @param index    the call's number in its run (0..)
     * @param messages the agent's message builder
     * @param party    Call-ID, From user and tag, mailbox
     * @param offer    the SDP offer
     */
    public UacCall(int index, UacMessages messages, UacMessages.Party party, String offer) {
        this.index = index;
        this.messages = messages;
        this.party = party;
        this.offer = offer;
    }

    /** The INVITE to send now; the call is calling from {@code nowNanos}. */
    public synchronized String invite(long nowNanos) {
        if (state != State.IDLE) {
            throw new IllegalStateException("call " + index + " already started (" + state + ")");
        }
        state = State.CALLING;
        inviteNanos = nowNanos;
        transactionStartNanos = nowNanos;
        inviteBranch = branch();
        inviteText = messages.invite(party, inviteBranch, offer);
        return inviteText;
    }

    /** Takes a response to one of this call's requests. */
    public synchronized Step onResponse(SipMessage response, long nowNanos) {
        int status = response.status();
        String method = response.cseqMethod();
        if (method.equals("INVITE")) {
            return onInviteResponse(response, status, nowNanos);
        }
        if (method.equals("BYE") && status >= 200 && state == State.TERMINATING) {
            state = State.ENDED;
            if (status >= 300) {
                failure = "BYE answered " + status;
            }
            return Step.of(null, Outcome.ENDED);
        }
        return Step.NOTHING;
    }

    /** Takes a request the server sent in this call: a BYE ends it (200 OK); anything else gets no answer. */
    public synchronized Step onRequest(SipMessage request) {
        if (!request.method().equals("BYE")) {
            return Step.NOTHING;
        }
        String ok = UacMessages.ok(request);
        if (state == State.CONFIRMED || state == State.TERMINATING) {
            state = State.ENDED;
            endedByServer = true;
            return Step.of(ok, Outcome.ENDED);
        }
        return Step.of(ok, Outcome.NONE);
    }

    /** The BYE to send now, or null when the call is not up. */
    public synchronized String bye(long nowNanos) {
        if (state != State.CONFIRMED) {
            return null;
        }
        state = State.TERMINATING;
        transactionStartNanos = nowNanos;
        byeText = messages.bye(party, remoteTarget(), answerTag, branch(), 2);
        return byeText;
    }

    /**
     * A retransmission timer fired: the request again, or the end of the transaction when it has gone unanswered
     * for {@link #TRANSACTION_TIMEOUT_NANOS}, or nothing when it has been answered.
     */
    public synchronized Step retransmit(long nowNanos) {
        boolean expired = nowNanos - transactionStartNanos >= TRANSACTION_TIMEOUT_NANOS;
        return switch (state) {
            case CALLING -> {
                if (expired) {
                    state = State.FAILED;
                    failure = "INVITE unanswered";
                    yield Step.of(null, Outcome.FAILED);
                }
                yield Step.of(inviteText, Outcome.NONE);
            }
            case TERMINATING -> {
                if (expired) {
                    state = State.ENDED;
                    failure = "BYE unanswered";
                    yield Step.of(null, Outcome.ENDED);
                }
                yield Step.of(byeText, Outcome.NONE);
            }
            default -> Step.NOTHING;
        };
    }

    /** True while a request of this call waits for its response (its timer keeps running). */
    public synchronized boolean awaitingResponse() {
        return state == State.CALLING || state == State.TERMINATING;
    }

    /** The call's number in its run. */
    public int index() {
        return index;
    }

    /** Its Call-ID. */
    public String callId() {
        return party.callId();
    }

    /** Where it is. */
    public synchronized State state() {
        return state;
    }

    /** INVITE sent → 200 OK received, in nanoseconds; -1 when not answered. */
    public synchronized long setupNanos() {
        return state == State.IDLE || answer == null ? -1 : answerNanos - inviteNanos;
    }

    /** The server's media address and codec, once answered. */
    public synchronized Sdp.Answer answer() {
        return answer;
    }

    /** Why it failed or ended badly, or null. */
    public synchronized String failure() {
        return failure;
    }

    /** True when the server hung up. */
    public synchronized boolean endedByServer() {
        return endedByServer;
    }

    private Step onInviteResponse(SipMessage response, int status, long nowNanos) {
        if (status < 200) {
            if (state == State.CALLING) {
                state = State.PROCEEDING;
            }
            return Step.NOTHING;
        }
        boolean pending = state == State.CALLING || state == State.PROCEEDING;
        if (status < 300) {
            if (!pending) {
                return Step.of(ackText, Outcome.NONE); // a retransmitted 200: ACK it again
            }
            answerTag = response.toTag().orElse(null);
            contact = response.contactUri().orElse(null);
            ackText = messages.ack(party, remoteTarget(), answerTag, branch());
            try {
                answer = Sdp.answer(response.body());
            } catch (IllegalArgumentException e) {
                state = State.FAILED;
                failure = "200 OK without a usable SDP answer: " + e.getMessage();
                return Step.of(ackText, Outcome.FAILED);
            }
            answerNanos = nowNanos;
            state = State.CONFIRMED;
            return Step.of(ackText, Outcome.ANSWERED);
        }
        String ack = messages.ack(party, messages.inviteUri(party), response.toTag().orElse(null), inviteBranch);
        if (!pending) {
            return Step.of(ack, Outcome.NONE);
        }
        state = State.FAILED;
        failure = response.startLine().substring(8);
        return Step.of(ack, Outcome.FAILED);
    }

    private String remoteTarget() {
        return contact != null ? contact : messages.inviteUri(party);
    }

    private String branch() {
        return "z9hG4bK-" + party.fromTag() + "-" + (++branches);
    }
}
