package postbox.sip;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/**
 * Builds the requests Postbox sends of its own (besides BYE): trunk REGISTER and OPTIONS to a PBX, OPTIONS to a
 * peer node, unsolicited message-summary NOTIFY to a PBX, NOTIFY in a SUBSCRIBE dialog, and the credentials
 * answering a challenge.
 * Every request carries {@code User-Agent} and Postbox's Via for the PBX's transport. Thread-safe (the factories
 * are stateless).
 */
final class OutgoingRequests {

    /** The MWI event package (RFC 3842). */
    static final String MESSAGE_SUMMARY = "message-summary";

    private final MessageFactory messageFactory;
    private final HeaderFactory headerFactory;
    private final AddressFactory addressFactory;
    private final SipConfig config;
    private final OutgoingMessages messages;

    OutgoingRequests(MessageFactory messageFactory, HeaderFactory headerFactory, AddressFactory addressFactory,
                     SipConfig config, OutgoingMessages messages) {
        this.messageFactory = messageFactory;
        this.headerFactory = headerFactory;
        this.addressFactory = addressFactory;
        this.config = config;
        this.messages = messages;
    }

    /**
     * REGISTER {@code sip:pbx} for {@code <sip:user@pbxhost>} with Contact {@code <sip:user@host:port;transport=x>}
     * and Expires ({@code 0} to un-register).
     */
    Request register(PbxAddress pbx, String user, Duration expires, String callId, String fromTag, long cseq) {
        try {
            Request request = request(Request.REGISTER, pbxUri(null, pbx), pbx, user, user, callId, fromTag, cseq);
            request.setHeader(headerFactory.createExpiresHeader((int) expires.toSeconds()));
            return request;
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException("not a valid Expires: " + expires, e);
        }
    }

    /** An out-of-dialog OPTIONS ping to the PBX. */
    Request options(PbxAddress pbx, String user) {
        return request(Request.OPTIONS, pbxUri(null, pbx), pbx, user, user, newToken(), newToken(), 1);
    }

    /** An out-of-dialog OPTIONS ping to a peer node, {@code sip:host:port} from {@code sip:postbox@host}. */
    Request options(InetSocketAddress peer, Transport transport) {
        return options(new PbxAddress(peer.getHostString(), peer.getPort(), transport), "postbox");
    }

    /** An unsolicited message-summary NOTIFY for {@code sip:mailbox@pbx}, from the trunk user. */
    Request notify(PbxAddress pbx, String user, String mailbox, MessageSummary summary, String callId,
                   String fromTag, long cseq) {
        Request request = request(Request.NOTIFY, pbxUri(mailbox, pbx), pbx, user, mailbox, callId, fromTag, cseq);
        return withSummary(request, "active", summary, "sip:" + mailbox + "@" + pbx.host());
    }

    /**
     * A NOTIFY in a subscription dialog with {@code Subscription-State} as given ({@code active;expires=N} or
     * {@code terminated;reason=timeout}) and the summary body for {@code account}.
     */
    Request notify(Dialog dialog, Transport transport, String subscriptionState, MessageSummary summary,
                   String account) throws SipException {
        Request request = dialog.createRequest(Request.NOTIFY);
        request.setHeader(contact("postbox", transport));
        messages.withUserAgent(request);
        return withSummary(request, subscriptionState, summary, account);
    }

    /** Adds credentials: {@code Authorization} after a 401, {@code Proxy-Authorization} after a 407. */
    Request withCredentials(Request request, int challengeStatus, DigestCredentials credentials) {
        try {
            String name = challengeStatus == 407 ? "Proxy-Authorization" : "Authorization";
            request.setHeader(headerFactory.createHeader(name, credentials.headerValue()));
            return request;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build credentials " + credentials.headerValue(), e);
        }
    }

    /** Whether a URI points at this endpoint (its host and port). */
    boolean local(SipURI uri) {
        return config.host().equalsIgnoreCase(uri.getHost()) && uri.getPort() == config.port();
    }

    /** A new random token for Call-IDs and tags. */
    static String newToken() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private Request withSummary(Request request, String subscriptionState, MessageSummary summary, String account) {
        try {
            request.setHeader(headerFactory.createEventHeader(MESSAGE_SUMMARY));
            request.setHeader(headerFactory.createHeader("Subscription-State", subscriptionState));
            request.setContent(summary.body(account),
                    headerFactory.createContentTypeHeader("application", "simple-message-summary"));
            return request;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a message-summary NOTIFY", e);
        }
    }

    private Request request(String method, SipURI requestUri, PbxAddress pbx, String fromUser, String toUser,
                            String callId, String fromTag, long cseq) {
        try {
            Address from = addressFactory.createAddress(addressFactory.createSipURI(fromUser, pbx.host()));
            Address to = addressFactory.createAddress(addressFactory.createSipURI(toUser, pbx.host()));
            ViaHeader via = headerFactory.createViaHeader(config.host(), config.port(), pbx.transport().token(),
                    "z9hG4bK" + newToken());
            via.setRPort();
            CallIdHeader callIdHeader = headerFactory.createCallIdHeader(callId);
            Request request = messageFactory.createRequest(requestUri, method, callIdHeader,
                    headerFactory.createCSeqHeader(cseq, method), headerFactory.createFromHeader(from, fromTag),
                    headerFactory.createToHeader(to, null), List.of(via), headerFactory.createMaxForwardsHeader(70));
            request.setHeader(contact(fromUser, pbx.transport()));
            return messages.withUserAgent(request);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build a " + method + " for " + pbx, e);
        }
    }

    private SipURI pbxUri(String user, PbxAddress pbx) {
        try {
            SipURI uri = addressFactory.createSipURI(user, pbx.host());
            uri.setPort(pbx.port());
            if (pbx.transport() != Transport.UDP) {
                uri.setTransportParam(pbx.transport().token());
            }
            return uri;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a URI for " + pbx, e);
        }
    }

    private ContactHeader contact(String user, Transport transport) {
        try {
            SipURI uri = addressFactory.createSipURI(user, config.host());
            uri.setPort(config.port());
            uri.setTransportParam(transport.token());
            return headerFactory.createContactHeader(addressFactory.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a Contact for " + user, e);
        }
    }
}
