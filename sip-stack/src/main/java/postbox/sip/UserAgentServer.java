package postbox.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.TransactionExt;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Postbox's user agent server: JAIN-SIP's listener. Turns away new INVITEs, SUBSCRIBEs and OPTIONS with 503 while
 * the endpoint is standby ({@link StandbyGate}). Admits new INVITEs (100 Trying, body and SDP checks, then the
 * {@link CallHandler}) after the {@link SourceGate}, routes in-dialog requests to their {@link SipCall}, answers
 * OPTIONS, hands SUBSCRIBE to {@link MessageWaitingSubscriptions}, refuses NOTIFY (489 / 481: Postbox subscribes
 * to nothing), 405 for other methods and 481 for
 * dialogs it does not know, and turns dialog timeouts into BYE. Responses and timeouts of the requests Postbox sends
 * itself go to their {@link AwaitedResponse}; transport errors are reported. JAIN-SIP calls it on its own threads
 * (the one UDP thread, each TCP connection's thread, timer threads), possibly at once for different calls: it keeps
 * no state of its own beyond the thread-safe call map, and never blocks. The call id is in the logging MDC
 * ({@code call}) while a request is handled.
 */
final class UserAgentServer implements SipListenerExt {

    private static final Logger log = LoggerFactory.getLogger(UserAgentServer.class);

    private final CallHandler handler;
    private final CallContext context;
    private final Map<String, SipCall> calls;
    private final SourceGate gate;
    private final StandbyGate standby;
    private final MessageWaitingSubscriptions subscriptions;
    private final BiConsumer<String, Integer> transportErrors;

    /**
     * @param calls           the live calls by Call-ID, shared with the endpoint (thread-safe map)
     * @param gate            decides about new INVITEs and SUBSCRIBEs from their source
     * @param standby         whether the endpoint is standby (new INVITE, SUBSCRIBE, OPTIONS get 503)
     * @param subscriptions   serves SUBSCRIBE
     * @param transportErrors told the host and port of every transport error (must return at once)
     */
    UserAgentServer(CallHandler handler, CallContext context, Map<String, SipCall> calls, SourceGate gate,
                    StandbyGate standby, MessageWaitingSubscriptions subscriptions,
                    BiConsumer<String, Integer> transportErrors) {
        this.handler = handler;
        this.context = context;
        this.calls = calls;
        this.gate = gate;
        this.standby = standby;
        this.subscriptions = subscriptions;
        this.transportErrors = transportErrors;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        MDC.put("call", callId.getCallId());
        try {
            dispatch(event, callId.getCallId());
        } catch (RuntimeException e) {
            log.error("failed on {}", request.getMethod(), e);
        } finally {
            MDC.remove("call");
        }
    }

    private void dispatch(RequestEvent event, String callId) {
        Request request = event.getRequest();
        String method = request.getMethod();
        SipCall call = calls.get(callId);
        if (Request.ACK.equals(method)) {
            if (call != null) {
                call.onAck(request);
            }
            return;
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (Request.INVITE.equals(method) && !inDialog && call != null) {
            log.warn("a new INVITE with the Call-ID of a live call: 482, statelessly (no second dialog)");
            respondStatelessly(context.messages().response(Response.LOOP_DETECTED, request, newTag()));
            return;
        }
        if (Request.NOTIFY.equals(method) && inDialog && call != null && call.awaitsTransferNotify()) {
            ServerTransaction transaction = serverTransaction(event);
            if (transaction != null) {
                call.onTransferNotify(transaction, request);
            }
            return;
        }
        if (Request.NOTIFY.equals(method)) {
            // Postbox subscribes to nothing else: answered statelessly, even when not a well-formed NOTIFY.
            Response refusal = context.messages().response(inDialog ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST
                    : Response.BAD_EVENT, request, newTag());
            respondStatelessly(inDialog ? refusal
                    : context.messages().withAllowEvents(refusal, OutgoingRequests.MESSAGE_SUMMARY));
            return;
        }
        ServerTransaction transaction = serverTransaction(event);
        if (transaction == null) {
            return;
        }
        if (standby.turnsAway(method, inDialog)) {
            turnAwayStandby(request, transaction);
            return;
        }
        switch (method) {
            case Request.INVITE -> {
                if (!inDialog) {
                    screen(request, transaction, callId);
                } else if (call != null) {
                    call.onReinvite(transaction, request);
                } else {
                    noSuchDialog(transaction, request);
                }
            }
            case Request.BYE -> {
                if (call != null) {
                    call.onBye(transaction, request);
                } else {
                    noSuchDialog(transaction, request);
                }
            }
            case Request.CANCEL -> {
                if (call != null) {
                    call.onCancel(transaction, request);
                } else {
                    noSuchDialog(transaction, request);
                }
            }
            case Request.OPTIONS -> respond(transaction, context.messages().withAcceptSdp(
                    context.messages().response(Response.OK, request, newTag())));
            case Request.SUBSCRIBE -> {
                if (inDialog || screen(request, transaction)) {
                    subscriptions.onSubscribe(transaction, request, transport(transaction), newTag());
                }
            }
            default -> {
                if (inDialog && call == null) {
                    noSuchDialog(transaction, request);
                } else {
                    respond(transaction, context.messages().response(Response.METHOD_NOT_ALLOWED, request, newTag()));
                }
            }
        }
    }

    private void noSuchDialog(ServerTransaction transaction, Request request) {
        respond(transaction, context.messages().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request,
                newTag()));
    }

    /** 503 with Retry-After: standby; the handler hears nothing of it. */
    private void turnAwayStandby(Request request, ServerTransaction transaction) {
        if (Request.OPTIONS.equals(request.getMethod())) {
            log.debug("OPTIONS while standby: 503");
        } else {
            log.info("{} while standby: 503", request.getMethod());
        }
        OutgoingMessages messages = context.messages();
        respond(transaction, messages.withRetryAfter(messages.response(Response.SERVICE_UNAVAILABLE, request,
                newTag()), StandbyGate.RETRY_AFTER));
    }

    /** A new INVITE: its source first (trusted, challenged or refused), then {@link #admit}. */
    private void screen(Request invite, ServerTransaction transaction, String callId) {
        Optional<String> credentials = rawValue(invite, ProxyAuthorizationHeader.NAME);
        switch (gate.check(sourceAddress(invite), invite.getMethod(), credentials)) {
            case SourceGate.Verdict.Admit admit -> admit(invite, transaction, callId, admit.trusted());
            case SourceGate.Verdict verdict -> turnAway(invite, transaction, verdict);
        }
    }

    /** A new SUBSCRIBE's source: true when it may go on. */
    private boolean screen(Request subscribe, ServerTransaction transaction) {
        SourceGate.Verdict verdict = gate.check(sourceAddress(subscribe), subscribe.getMethod(),
                rawValue(subscribe, ProxyAuthorizationHeader.NAME));
        if (verdict instanceof SourceGate.Verdict.Admit) {
            return true;
        }
        turnAway(subscribe, transaction, verdict);
        return false;
    }

    /** 407 with the challenges, or 403. */
    private void turnAway(Request request, ServerTransaction transaction, SourceGate.Verdict verdict) {
        OutgoingMessages messages = context.messages();
        switch (verdict) {
            case SourceGate.Verdict.Challenge challenge -> {
                log.info("{} from untrusted {}: 407", request.getMethod(), sourceAddress(request).getHostAddress());
                respond(transaction, messages.withProxyAuthenticate(messages.response(
                        Response.PROXY_AUTHENTICATION_REQUIRED, request, newTag()), challenge.proxyAuthenticate()));
            }
            case SourceGate.Verdict.Refuse refuse -> {
                log.info("{} refused with 403: {}", request.getMethod(), refuse.why());
                respond(transaction, messages.response(Response.FORBIDDEN, request, newTag()));
            }
            case SourceGate.Verdict.Admit admit -> throw new IllegalArgumentException("an admitted request");
        }
    }

    /** A new INVITE let in: 100 at once, then the offer checks, then the handler. */
    private void admit(Request invite, ServerTransaction transaction, String callId, boolean trusted) {
        OutgoingMessages messages = context.messages();
        respond(transaction, messages.response(Response.TRYING, invite, null));
        String localTag = newTag();
        if (invite.getHeader(ContactHeader.NAME) == null) {
            respond(transaction, messages.withWarning(messages.response(Response.BAD_REQUEST, invite, localTag),
                    399, "Missing or unparsable Contact header"));
            return;
        }
        OfferBody body = OfferBody.of(invite);
        if (body instanceof OfferBody.Unsupported) {
            respond(transaction, messages.unsupportedBody(invite, localTag));
            return;
        }
        Transport transport = transport(transaction);
        SipCall call;
        if (body instanceof OfferBody.Sdp sdp) {
            Negotiation negotiation = SdpNegotiator.negotiate(sdp.text(), context.config().codecPreference(),
                    context.config().srtp(), LocalKeys.fresh());
            if (!(negotiation instanceof Negotiation.Agreed agreed)) {
                log.info("INVITE refused: {}", negotiation);
                respond(transaction, messages.refusal(invite, localTag, negotiation));
                return;
            }
            call = new SipCall(context, callId, invite, transaction, transport, localTag, agreed);
        } else {
            call = SipCall.delayedOffer(context, callId, invite, transaction, transport, localTag);
        }
        calls.put(callId, call);
        IncomingCall incoming = incomingCall(invite, callId, transport, call.media(), trusted);
        log.info("INVITE from {} to {} for '{}' via {} {}, media {}", incoming.from().uri(), incoming.to().uri(),
                incoming.requestUser(), transport, incoming.source(), incoming.media());
        Answer answer;
        try {
            answer = handler.onInvite(incoming, call);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            log.error("call handler failed", e);
            call.fail("the call handler threw " + e);
            return;
        }
        if (answer == null) {
            call.fail("the call handler returned no answer");
        } else {
            call.decide(answer);
        }
    }

    private static IncomingCall incomingCall(Request invite, String callId, Transport transport, MediaOffer media,
                                             boolean trusted) {
        InetSocketAddress source = new InetSocketAddress(sourceAddress(invite),
                ((SIPMessage) invite).getPeerPacketSourcePort());
        String requestUser = user(invite.getRequestURI());
        Optional<Diversion> diversion = DiversionHeaders.parse(rawValues(invite, "Diversion"),
                rawValues(invite, "History-Info"), requestUser);
        return new IncomingCall(callId, party((FromHeader) invite.getHeader(FromHeader.NAME)),
                party((ToHeader) invite.getHeader(ToHeader.NAME)), requestUser, diversion, source, transport, media,
                trusted);
    }

    private static InetAddress sourceAddress(Request request) {
        return ((SIPMessage) request).getPeerPacketSourceAddress();
    }

    /** A header's value as received (without its name), if present. */
    private static Optional<String> rawValue(Request request, String name) {
        return Optional.ofNullable((SIPHeader) request.getHeader(name)).map(SIPHeader::getHeaderValue);
    }

    private static Party party(HeaderAddress header) {
        Address address = header.getAddress();
        return new Party(user(address.getURI()), address.getDisplayName(), address.getURI().toString());
    }

    private static String user(URI uri) {
        if (uri instanceof SipURI sip) {
            return sip.getUser() == null ? "" : sip.getUser();
        }
        if (uri instanceof TelURL tel) {
            return tel.getPhoneNumber();
        }
        return "";
    }

    /** The values of a header JAIN-SIP does not know (so keeps as an extension header), in message order. */
    private static List<String> rawValues(Request request, String name) {
        List<String> values = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(name);
        while (headers != null && headers.hasNext()) {
            Object header = headers.next();
            if (header instanceof ExtensionHeader extension) {
                values.add(extension.getValue());
            }
        }
        return values;
    }

    private static Transport transport(ServerTransaction transaction) {
        String token = ((TransactionExt) transaction).getTransport();
        return Transport.valueOf(token.toUpperCase(Locale.ROOT));
    }

    private ServerTransaction serverTransaction(RequestEvent event) {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return context.provider().getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            log.debug("retransmission of a request being handled: dropped");
            return null;
        } catch (SipException e) {
            log.warn("no server transaction for {}: answered statelessly", event.getRequest().getMethod(), e);
            respondStatelessly(context.messages().response(Response.SERVER_INTERNAL_ERROR, event.getRequest(),
                    newTag()));
            return null;
        }
    }

    private void respondStatelessly(Response response) {
        try {
            context.provider().sendResponse(response);
        } catch (SipException e) {
            log.warn("could not send {} statelessly", response.getStatusCode(), e);
        }
    }

    private static void respond(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("could not send {} {}", response.getStatusCode(), response.getReasonPhrase(), e);
        }
    }

    private static String newTag() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction != null && transaction.getApplicationData() instanceof AwaitedResponse awaited) {
            if (response.getStatusCode() >= 200) {
                awaited.onResponse(response);
            }
            return;
        }
        if (response.getStatusCode() >= 300) {
            log.warn("{} {} for our {}", response.getStatusCode(), response.getReasonPhrase(),
                    event.getClientTransaction() == null ? "request" : event.getClientTransaction().getRequest()
                            .getMethod());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        log.debug("{} transaction timed out", event.isServerTransaction() ? "server" : "client");
        if (!event.isServerTransaction()
                && event.getClientTransaction().getApplicationData() instanceof AwaitedResponse awaited) {
            awaited.onFailure("timed out");
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.warn("transport error towards {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
        transportErrors.accept(event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        SipCall call = calls.get(event.getDialog().getCallId().getCallId());
        if (call != null && call.owns(event.getDialog())) {
            call.onDialogTerminated();
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        String callId = event.getDialog().getCallId().getCallId();
        SipCall call = calls.get(callId);
        if (event.getReason() == DialogTimeoutEvent.Reason.AckNotReceived && call != null
                && call.owns(event.getDialog())) {
            MDC.put("call", callId);
            try {
                call.onAckTimeout();
            } finally {
                MDC.remove("call");
            }
        } else {
            log.debug("dialog timeout {} for {}", event.getReason(), callId);
        }
    }
}
