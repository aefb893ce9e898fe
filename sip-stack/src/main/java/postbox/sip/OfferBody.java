package postbox.sip;

import java.nio.charset.StandardCharsets;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;

/** What an INVITE or ACK carries as a media description. Immutable values. */
sealed interface OfferBody {

    /** No body: a delayed offer in an INVITE, no answer in an ACK. */
    record Absent() implements OfferBody {
    }

    /** An {@code application/sdp} body. */
    record Sdp(String text) implements OfferBody {
    }

    /** A body of another type (or one without a Content-Type): 415 Unsupported Media Type. */
    record Unsupported(String contentType) implements OfferBody {
    }

    /** Classifies a message's body. */
    static OfferBody of(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0) {
            return new Absent();
        }
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (type == null) {
            return new Unsupported("a body without Content-Type");
        }
        if ("application".equalsIgnoreCase(type.getContentType()) && "sdp".equalsIgnoreCase(type.getContentSubType())) {
            return new Sdp(new String(raw, StandardCharsets.UTF_8));
        }
        return new Unsupported(type.getContentType() + "/" + type.getContentSubType());
    }
}
