package postbox.sip;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Postbox's outgoing SIP messages with its standard headers: {@code Server} on responses and
 * {@code User-Agent} on requests (from {@link SipConfig#userAgent()}), {@code Allow}, {@code Accept},
 * {@code Contact: <sip:postbox@host:port;transport=x>}, {@code Warning} (RFC 3261 section 20.43),
 * {@code Retry-After} and SDP bodies. Thread-safe: the templates are cloned into every message.
 */
final class OutgoingMessages {

    private static final Logger log = LoggerFactory.getLogger(OutgoingMessages.class);

    /** The methods Postbox answers, for {@code Allow}. */
    static final List<String> ALLOWED_METHODS = List.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
            Request.OPTIONS, Request.SUBSCRIBE, Request.NOTIFY);

    private final MessageFactory messageFactory;
    private final HeaderFactory headerFactory;
    private final AddressFactory addressFactory;
    private final SipConfig config;
    private final Header server;
    private final Header userAgent;

    /**
     * @throws IllegalArgumentException when {@link SipConfig#userAgent()} is not a valid header value
     */
    OutgoingMessages(MessageFactory messageFactory, HeaderFactory headerFactory, AddressFactory addressFactory,
                     SipConfig config) {
        this.messageFactory = messageFactory;
        this.headerFactory = headerFactory;
        this.addressFactory = addressFactory;
        this.config = config;
        try {
            this.server = headerFactory.createHeader("Server", config.userAgent());
            this.userAgent = headerFactory.createHeader("User-Agent", config.userAgent());
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a valid User-Agent value: " + config.userAgent(), e);
        }
    }

    /**
     * A REFER in {@code dialog} for a blind transfer to {@code number} at {@code pbx} (RFC 3515):
     * {@code Refer-To: <sip:NUMBER@PBX>}, with Postbox's {@code User-Agent}.
     *
     * @throws IllegalArgumentException when {@code number} is not a valid SIP user part
     */
    Request refer(Dialog dialog, String number, InetSocketAddress pbx) throws SipException {
        Request refer = withUserAgent(dialog.createRequest(Request.REFER));
        try {
            SipURI target = addressFactory.createSipURI(number, pbx.getAddress().getHostAddress());
            target.setPort(pbx.getPort());
            refer.setHeader(headerFactory.createReferToHeader(addressFactory.createAddress(target)));
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot transfer to '" + number + "': " + e.getMessage(), e);
        }
        return refer;
    }

    /**
     * A response to {@code request} with a {@code Server} header, {@code Allow} on 2xx and 405, and a To tag when
     * given (not for 100).
     */
    Response response(int status, Request request, String toTag) {
        try {
            Response response = messageFactory.createResponse(status, request);
            response.setHeader((Header) server.clone());
            if (status / 100 == 2 || status == Response.METHOD_NOT_ALLOWED) {
                withAllow(response);
            }
            if (toTag != null && status > Response.TRYING) {
                ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
                if (to.getTag() == null) {
                    to.setTag(toTag);
                }
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a " + status + " response", e);
        }
    }

    /** Replaces the reason phrase (keeps the standard one when the text is not a valid phrase). */
    Response withReasonPhrase(Response response, String phrase) {
        try {
            response.setReasonPhrase(phrase);
        } catch (ParseException | IllegalArgumentException e) {
            log.warn("reason phrase '{}' is not valid SIP: the standard one stays", phrase);
        }
        return response;
    }

    private Response withAllow(Response response) {
        try {
            for (String method : ALLOWED_METHODS) {
                response.addHeader(headerFactory.createAllowHeader(method));
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds {@code Accept: application/sdp}. */
    Response withAcceptSdp(Response response) {
        try {
            response.setHeader(headerFactory.createAcceptHeader("application", "sdp"));
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds {@code Contact: <sip:postbox@host:port;transport=x>}. */
    Response withContact(Response response, Transport transport) {
        response.setHeader(contact(transport));
        return response;
    }

    /** Adds a {@code Warning} with Postbox's host as agent; quotes in the text become apostrophes. */
    Response withWarning(Response response, int code, String text) {
        try {
            response.setHeader(headerFactory.createWarningHeader(config.host(), code, text.replace('"', '\'')));
            return response;
        } catch (InvalidArgumentException | ParseException e) {
            throw new IllegalStateException("cannot build a Warning header for: " + text, e);
        }
    }

    /** Adds one {@code Proxy-Authenticate} header per value, in order. */
    Response withProxyAuthenticate(Response response, List<String> challenges) {
        try {
            for (String challenge : challenges) {
                response.addHeader(headerFactory.createHeader("Proxy-Authenticate", challenge));
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a Proxy-Authenticate header from " + challenges, e);
        }
    }

    /** Adds {@code Expires} in seconds. */
    Response withExpires(Response response, int seconds) throws InvalidArgumentException {
        response.setHeader(headerFactory.createExpiresHeader(seconds));
        return response;
    }

    /** Adds {@code Allow-Events} with the one event package Postbox serves. */
    Response withAllowEvents(Response response, String eventPackage) {
        try {
            response.setHeader(headerFactory.createAllowEventsHeader(eventPackage));
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds {@code Retry-After} in whole seconds (at least 1). */
    Response withRetryAfter(Response response, Duration retryAfter) {
        try {
            response.setHeader(headerFactory.createRetryAfterHeader((int) Math.max(1, retryAfter.toSeconds())));
            return response;
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets an {@code application/sdp} body. */
    Response withSdp(Response response, String sdp) {
        try {
            response.setContent(sdp, headerFactory.createContentTypeHeader("application", "sdp"));
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The final response for an offer that cannot be answered: 488 with a Warning saying what was offered, or 400
     * with a Warning saying what is wrong with the SDP.
     */
    Response refusal(Request request, String toTag, Negotiation negotiation) {
        return switch (negotiation) {
            case Negotiation.Refused refused -> withWarning(response(Response.NOT_ACCEPTABLE_HERE, request, toTag),
                    refused.warningCode(), refused.text());
            case Negotiation.Unreadable unreadable -> withWarning(response(Response.BAD_REQUEST, request, toTag),
                    399, "Malformed SDP: " + unreadable.reason());
            case Negotiation.Agreed agreed -> throw new IllegalArgumentException("an agreed offer is no refusal");
        };
    }

    /** 415 Unsupported Media Type with {@code Accept: application/sdp}. */
    Response unsupportedBody(Request request, String toTag) {
        return withAcceptSdp(response(Response.UNSUPPORTED_MEDIA_TYPE, request, toTag));
    }

    /** Adds the {@code User-Agent} header to a request Postbox sends. */
    Request withUserAgent(Request request) {
        request.setHeader((Header) userAgent.clone());
        return request;
    }

    private ContactHeader contact(Transport transport) {
        try {
            SipURI uri = addressFactory.createSipURI("postbox", config.host());
            uri.setPort(config.port());
            uri.setTransportParam(transport.token());
            return headerFactory.createContactHeader(addressFactory.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build the Contact for " + config.host(), e);
        }
    }
}
