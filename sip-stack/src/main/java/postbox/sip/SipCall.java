package postbox.sip;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import postbox.sip.CallState.Step;

/**
 * One incoming call's dialog on JAIN-SIP: carries out the {@link CallState} steps (180/200 with the SDP answer,
 * 480, 487, BYE), answers in-dialog requests (re-INVITE, BYE, CANCEL) and tells the {@link CallListener}. An INVITE
 * without SDP (delayed offer) gets Postbox's offer in the 200 and the call's media from the answer in the ACK, told
 * before the call is established (until then the media is {@code inactive}); an ACK without a usable answer ends
 * the call with a BYE.
 * Its other methods run on JAIN-SIP's threads; {@link #hangup()} may be called from any thread and returns at once
 * (its BYE goes out on the endpoint's scheduler thread). Thread-safe: the state machine serialises the decisions.
 */
final class SipCall implements CallControl {

    private static final Logger log = LoggerFactory.getLogger(SipCall.class);
    /** How long a transfer may take from the REFER to the NOTIFY saying the target answered. */
    static final int TRANSFER_TIMEOUT_SECONDS = 30;
    private static final Pattern SIPFRAG_STATUS = Pattern.compile(
            "^SIP/2\\.0 (\\d{3})");
    /** The RFC 863 discard port: where the media of a delayed-offer call points until the answer comes. */
    private static final int DISCARD_PORT = 9;

    private final CallContext context;
    private final String callId;
    private final Request invite;
    private final ServerTransaction inviteTransaction;
    private final Transport transport;
    private final String localTag;
    /** The peer's offer; null for a delayed offer (Postbox offers in the 200). */
    private final Negotiation.Agreed offer;
    private final CallState state = new CallState();
    private volatile CallListener listener;
    private volatile LocalSdp localSdp;
    private volatile MediaOffer media;
    private volatile boolean answerExpectedInAck;
    /** The transfer in progress (REFER sent, final NOTIFY not yet), or null. */
    private volatile CompletableFuture<Boolean> transfer;

    /** A call whose INVITE carried the offer {@code offer}. */
    SipCall(CallContext context, String callId, Request invite, ServerTransaction inviteTransaction,
            Transport transport, String localTag, Negotiation.Agreed offer) {
        this(context, callId, invite, inviteTransaction, transport, localTag, offer, offer.media());
    }

    private SipCall(CallContext context, String callId, Request invite, ServerTransaction inviteTransaction,
                    Transport transport, String localTag, Negotiation.Agreed offer, MediaOffer media) {
        this.context = context;
        this.callId = callId;
        this.invite = invite;
        this.inviteTransaction = inviteTransaction;
        this.transport = transport;
        this.localTag = localTag;
        this.offer = offer;
        this.media = media;
    }

    /**
     * A call whose INVITE carried no SDP: until the answer comes in the ACK its media is Postbox's most preferred
     * codec, {@code inactive}, towards no address ({@link #media()}).
     */
    static SipCall delayedOffer(CallContext context, String callId, Request invite,
                                ServerTransaction inviteTransaction, Transport transport, String localTag) {
        SdpCodec first = context.config().codecPreference().preference().getFirst();
        MediaOffer none = new MediaOffer(new InetSocketAddress(InetAddress.getLoopbackAddress(), DISCARD_PORT),
                first.encodingName(),
                first.staticPayloadType() >= 0 ? first.staticPayloadType() : LocalSdp.FIRST_DYNAMIC_PAYLOAD_TYPE,
                first.clockRate(), LocalSdp.OFFERED_DTMF_PAYLOAD_TYPE, LocalSdp.PTIME_MS, MediaDirection.INACTIVE);
        return new SipCall(context, callId, invite, inviteTransaction, transport, localTag, null, none);
    }

    /** The call's media as agreed so far. */
    MediaOffer media() {
        return media;
    }

    @Override
    public String callId() {
        return callId;
    }

    /**
     * Decides at once (so a hangup during {@link CallHandler#onInvite} turns the answer into 480); any BYE goes
     * out on the endpoint's scheduler thread.
     */
    @Override
    public void hangup() {
        Step step = state.hangup();
        if (step.equals(Step.NONE)) {
            return;
        }
        try {
            context.control().execute(() -> {
                MDC.put("call", callId);
                try {
                    perform(step);
                } finally {
                    MDC.remove("call");
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("hangup while the endpoint closes: BYE sent on the caller's thread");
            perform(step);
        }
    }

    /** {@inheritDoc} The REFER goes out on the endpoint's scheduler thread. */
    @Override
    public CompletableFuture<Boolean> transfer(String number) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> pending = transfer;
        if (state.phase() != CallState.Phase.ESTABLISHED || (pending != null && !pending.isDone())) {
            outcome.complete(false);
            return outcome;
        }
        transfer = outcome;
        outcome.completeOnTimeout(false, TRANSFER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            context.control().execute(() -> {
                MDC.put("call", callId);
                try {
                    refer(number, outcome);
                } finally {
                    MDC.remove("call");
                }
            });
        } catch (RejectedExecutionException e) {
            outcome.complete(false);
        }
        return outcome;
    }

    /** Whether a NOTIFY in this dialog may be about a transfer in progress. */
    boolean awaitsTransferNotify() {
        CompletableFuture<Boolean> pending = transfer;
        return pending != null && !pending.isDone();
    }

    /**
     * A NOTIFY of the REFER's implicit subscription (RFC 3515 section 2.4.5): 200, and its {@code message/sipfrag}
     * status line decides the transfer once final (2xx: the target answered).
     */
    void onTransferNotify(ServerTransaction transaction, Request notify) {
        respond(transaction, context.messages().response(Response.OK, notify, null));
        CompletableFuture<Boolean> pending = transfer;
        byte[] body = notify.getRawContent();
        Matcher status = SIPFRAG_STATUS.matcher(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        if (pending == null || !status.find()) {
            return;
        }
        int code = Integer.parseInt(status.group(1));
        log.info("transfer progress: {}", code);
        if (code >= 200) {
            pending.complete(code < 300);
        }
    }

    private void refer(String number, CompletableFuture<Boolean> outcome) {
        InetSocketAddress pbx = new InetSocketAddress(((SIPMessage) invite).getPeerPacketSourceAddress(),
                ((SIPMessage) invite).getPeerPacketSourcePort());
        Dialog dialog = inviteTransaction.getDialog();
        Request refer;
        try {
            refer = context.messages().refer(dialog, number, pbx);
        } catch (SipException | IllegalArgumentException e) {
            log.warn("no transfer to {}: {}", number, e.getMessage());
            outcome.complete(false);
            return;
        }
        log.info("REFER to {} at {}", number, pbx);
        new ClientRequests(context.provider()).send(dialog, refer, new AwaitedResponse() {
            @Override
            public void onResponse(Response response) {
                log.info("REFER answered {}", response.getStatusCode());
                if (response.getStatusCode() >= 300) {
                    outcome.complete(false);
                }
            }

            @Override
            public void onFailure(String reason) {
                log.warn("REFER failed: {}", reason);
                outcome.complete(false);
            }
        });
    }

    /** True when the dialog is this call's (another INVITE may carry the same Call-ID). */
    boolean owns(Dialog dialog) {
        return inviteTransaction.getDialog() == dialog;
    }

    /** The handler's decision. */
    void decide(Answer answer) {
        switch (answer) {
            case Answer.Accept accept when accept.localMedia() != null && accept.listener() != null -> {
                listener = accept.listener();
                localSdp = new LocalSdp(context.config().host(), accept.localMedia(),
                        ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
                perform(state.accept());
            }
            case Answer.Accept incomplete -> fail("the handler accepted without local media or listener");
            case Answer.Reject reject -> {
                CallState.Send send = state.reject().send();
                context.finished().accept(this);
                if (send == CallState.Send.REJECT) {
                    Response response = context.messages().response(reject.status(), invite, localTag);
                    if (reject.reason() != null) {
                        context.messages().withReasonPhrase(response, reject.reason());
                    }
                    if (reject.retryAfter() != null) {
                        context.messages().withRetryAfter(response, reject.retryAfter());
                    }
                    respond(inviteTransaction, response);
                }
            }
        }
    }

    /** The handler failed: 500 Server Internal Error. */
    void fail(String why) {
        log.error("500 for the INVITE: {}", why);
        CallState.Send send = state.reject().send();
        context.finished().accept(this);
        if (send == CallState.Send.REJECT) {
            respond(inviteTransaction, context.messages().response(Response.SERVER_INTERNAL_ERROR, invite, localTag));
        }
    }

    void onAck(Request ack) {
        Step step = state.ack();
        boolean noMedia = false;
        if (answerExpectedInAck) {
            answerExpectedInAck = false;
            noMedia = !readAnswer(ack) && offer == null; // a re-INVITE's call goes on with the media it had
        }
        perform(step);
        if (noMedia) {
            log.warn("no usable answer to the offer of the 200: ending the call");
            hangup();
        }
    }

    void onBye(ServerTransaction transaction, Request bye) {
        respond(transaction, context.messages().response(Response.OK, bye, null));
        perform(state.remoteBye());
    }

    void onCancel(ServerTransaction transaction, Request cancel) {
        respond(transaction, context.messages().response(Response.OK, cancel, null));
        perform(state.cancel());
    }

    void onReinvite(ServerTransaction transaction, Request reinvite) {
        if (state.phase() == CallState.Phase.ENDED || localSdp == null) {
            respond(transaction, context.messages().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
                    reinvite, null));
            return;
        }
        OutgoingMessages messages = context.messages();
        switch (OfferBody.of(reinvite)) {
            case OfferBody.Absent absent -> {
                answerExpectedInAck = true;
                respond(transaction, ok(reinvite, localSdp.offer(media)));
            }
            case OfferBody.Unsupported unsupported -> respond(transaction, messages.unsupportedBody(reinvite, null));
            case OfferBody.Sdp sdp -> {
                SipConfig config = context.config();
                Negotiation negotiation = SdpNegotiator.negotiate(sdp.text(),
                        config.codecPreference().preferring(currentCodec()), config.srtp(),
                        LocalKeys.keepingUnlessChanged(media.crypto()));
                if (negotiation instanceof Negotiation.Agreed agreed) {
                    boolean rekeyed = agreed.media().crypto().isPresent() && !sameLocalKey(media, agreed.media());
                    media = agreed.media();
                    respond(transaction, ok(reinvite, localSdp.answer(agreed)));
                    log.info("re-INVITE: remote media now {}{}", media, rekeyed ? ", new SRTP keys" : "");
                    tell(l -> l.onMediaChanged(agreed.media()));
                } else {
                    log.info("re-INVITE refused, the call goes on unchanged: {}", negotiation);
                    respond(transaction, messages.refusal(reinvite, null, negotiation));
                }
            }
        }
    }

    void onAckTimeout() {
        log.warn("no ACK for the 200 OK: ending the call");
        perform(state.ackTimeout());
    }

    /** JAIN-SIP ended the dialog under the call (a transport or protocol failure, if the call was still on). */
    void onDialogTerminated() {
        perform(state.failed());
    }

    /** The endpoint closes: BYE for answered calls. Runs on the closing thread. */
    void shutdown() {
        perform(state.shutdown());
    }

    /** Forgets an ended call first (so it no longer counts once its peer or listener hears the end), then acts. */
    private void perform(Step step) {
        if (state.phase() == CallState.Phase.ENDED) {
            context.finished().accept(this);
        }
        switch (step.send()) {
            case ANSWER -> answer();
            case REQUEST_TERMINATED -> respond(inviteTransaction,
                    context.messages().response(Response.REQUEST_TERMINATED, invite, localTag));
            case TEMPORARILY_UNAVAILABLE -> respond(inviteTransaction,
                    context.messages().response(Response.TEMPORARILY_UNAVAILABLE, invite, localTag));
            case BYE -> bye();
            case REJECT, NOTHING -> {
            }
        }
        if (step.established()) {
            log.info("established");
            tell(CallListener::onEstablished);
        }
        if (step.ended() != null) {
            log.info("ended: {}", step.ended());
            tell(l -> l.onEnded(step.ended()));
        }
    }

    private void answer() {
        OutgoingMessages messages = context.messages();
        respond(inviteTransaction, messages.withContact(messages.response(Response.RINGING, invite, localTag),
                transport));
        String sdp;
        if (offer == null) {
            answerExpectedInAck = true; // before the 200 goes out: its ACK may come at once
            sdp = localSdp.offer(context.config().codecPreference());
        } else {
            sdp = localSdp.answer(offer);
        }
        if (!respond(inviteTransaction, ok(invite, sdp))) {
            perform(state.failed());
        }
    }

    private Response ok(Request request, String sdp) {
        OutgoingMessages messages = context.messages();
        return messages.withSdp(messages.withContact(messages.response(Response.OK, request, localTag), transport),
                sdp);
    }

    private void bye() {
        Dialog dialog = inviteTransaction.getDialog();
        try {
            Request bye = context.messages().withUserAgent(dialog.createRequest(Request.BYE));
            ClientTransaction transaction = context.provider().getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
            log.info("BYE sent");
        } catch (SipException | RuntimeException e) {
            log.warn("could not send BYE", e);
        }
    }

    /**
     * The answer to the offer sent in a 200 OK: for a re-INVITE without SDP the call's codec, and its SRTP crypto
     * line (tag and suite) when the offer had one, answered with the peer's key; for an INVITE without SDP any of
     * Postbox's codecs, plain RTP. False when the ACK carried no usable answer (the media stays as it was).
     */
    private boolean readAnswer(Request ack) {
        if (!(OfferBody.of(ack) instanceof OfferBody.Sdp sdp)) {
            log.warn("no answer in the ACK, media unchanged");
            return false;
        }
        Optional<Crypto> offered = media.crypto();
        SdpCodecs codecs = offer == null ? context.config().codecPreference() : new SdpCodecs(List.of(currentCodec()));
        Negotiation negotiation = SdpNegotiator.negotiate(sdp.text(), codecs, offered.isPresent(),
                offered.map(c -> LocalKeys.fixed(c.localKeySalt())).orElse(LocalKeys.fresh()));
        if (negotiation instanceof Negotiation.Agreed agreed && answersOurCrypto(offered, agreed.media())) {
            media = agreed.media();
            log.info("answer in ACK: remote media now {}", media);
            tell(l -> l.onMediaChanged(agreed.media()));
            return true;
        }
        log.warn("unusable answer in ACK, media unchanged: {}", negotiation);
        return false;
    }

    /** True when an answer keeps the offered crypto line's tag and suite (or both are plain RTP). */
    private static boolean answersOurCrypto(Optional<Crypto> offered, MediaOffer answered) {
        return offered.map(Crypto::tag).equals(answered.crypto().map(Crypto::tag))
                && offered.map(Crypto::suite).equals(answered.crypto().map(Crypto::suite));
    }

    private static boolean sameLocalKey(MediaOffer before, MediaOffer after) {
        return before.crypto().isPresent() && after.crypto().isPresent()
                && Arrays.equals(before.crypto().get().localKeySalt(), after.crypto().get().localKeySalt());
    }

    /** The codec the call uses now (it came out of a negotiation, so Postbox knows it). */
    private SdpCodec currentCodec() {
        return SdpCodec.of(media.codec(), media.clockRate()).orElseThrow();
    }

    private boolean respond(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
            return true;
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("could not send {} {}", response.getStatusCode(), response.getReasonPhrase(), e);
            return false;
        }
    }

    private void tell(Consumer<CallListener> event) {
        CallListener current = listener;
        if (current == null) {
            return;
        }
        try {
            event.accept(current);
        } catch (RuntimeException e) {
            log.error("call listener failed", e);
        }
    }
}
