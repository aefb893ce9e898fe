package postbox.sip;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message parser ({@code MessageParserFactory} / {@code MessageParser}, installed with
 * {@code SIPTransactionStack.setMessageParserFactory}) wrapped so that malformed requests get a proper answer.
 *
 * <p>JAIN-SIP RI on its own answers only some UDP parse errors with an automatic 400 (and only when Via, CSeq,
 * Call-ID, From and To can all be copied), silently drops requests that lack a mandatory header, and over TCP
 * closes the connection on a bad mandatory header. This parser lets the stock {@link StringMsgParser} parse with a
 * listener that records, instead of throwing, every error in a mandatory header (request line, Via, From, To,
 * Call-ID, CSeq, Content-Length) and checks the body against Content-Length itself. A malformed request with a
 * parsable Via that is not an ACK is repaired just enough to pass the stack's checks (placeholder values for the
 * missing parts, marked with a {@link Malformation} as application data) so that {@link MalformedRequestValve} can
 * answer it with 400 and a Warning saying what is wrong; anything else malformed (no usable Via, an ACK, a
 * response, garbage) is dropped and counted. Stateless apart from the counters; thread-safe.
 */
final class ScreeningMessageParser implements MessageParserFactory, MessageParser {

    private static final Logger log = LoggerFactory.getLogger(ScreeningMessageParser.class);
    private static final Map<Class<?>, String> MANDATORY = Map.of(
            RequestLine.class, "request line", StatusLine.class, "status line", Via.class, "Via header",
            From.class, "From header", To.class, "To header", CallID.class, "Call-ID header",
            CSeq.class, "CSeq header", ContentLength.class, "Content-Length header");

    private final StringMsgParser delegate = new StringMsgParser();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final MalformedMessages counts;

    ScreeningMessageParser(MalformedMessages counts) {
        this.counts = counts;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return this;
    }

    /**
     * @param readBody true for datagrams (the body follows the headers in {@code bytes}); false for streams, whose
     *                 framing reads the body by Content-Length after this returns
     * @param listener the message channel; null when the stack re-parses a message of its own
     * @return the message, or null to drop it
     */
    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        if (listener == null) {
            return delegate.parseSIPMessage(bytes, readBody, strict, null);
        }
        Problems problems = new Problems();
        SIPMessage message;
        try {
            message = delegate.parseSIPMessage(bytes, false, strict, problems);
        } catch (ParseException | RuntimeException e) {
            return drop("unparsable message: " + e.getMessage());
        }
        if (message == null) {
            return null;
        }
        if (readBody) {
            problems.add(attachBody(message, bytes));
        }
        problems.addMissing(message);
        if (!(message instanceof SIPRequest request)) {
            return problems.isEmpty() ? message : drop("malformed response: " + problems.describe());
        }
        if (problems.isEmpty()) {
            return request;
        }
        String method = method(request);
        if (request.getTopmostVia() == null || problems.concerns(Via.class)) {
            return drop("no usable Via in a malformed request: " + problems.describe());
        }
        if (method == null || Request.ACK.equalsIgnoreCase(method)) {
            return drop((method == null ? "no method" : "an ACK") + " in a malformed request: " + problems.describe());
        }
        try {
            repair(request, method);
        } catch (ParseException | RuntimeException e) {
            return drop("cannot build a 400 for: " + problems.describe());
        }
        request.setApplicationData(new Malformation(problems.describe(),
                !readBody && problems.concerns(ContentLength.class)));
        return request;
    }

    /** Datagrams only: the body is what follows the headers, exactly Content-Length bytes of it. */
    private static String attachBody(SIPMessage message, byte[] bytes) {
        int declared = message.getContentLength().getContentLength();
        int available = Math.max(0, bytes.length - message.getSize());
        if (declared > available) {
            return "Content-Length " + declared + " exceeds the " + available + " bytes of body";
        }
        if (declared > 0) {
            message.setMessageContent(Arrays.copyOfRange(bytes, message.getSize(), message.getSize() + declared));
        }
        return null;
    }

    private static String method(SIPRequest request) {
        if (request.getRequestLine() != null && request.getRequestLine().getMethod() != null) {
            return request.getRequestLine().getMethod();
        }
        return request.getCSeq() == null ? null : request.getCSeq().getMethod();
    }

    /** Placeholders for what is missing, so the stack lets the request reach the valve. */
    private void repair(SIPRequest request, String method) throws ParseException {
        if (request.getRequestLine() == null) {
            request.setRequestLine(new RequestLine(delegate.parseSIPUrl("sip:malformed.invalid"), method));
        }
        if (request.getCSeq() == null) {
            request.setHeader(headers.createHeader("CSeq", "1 " + method));
        }
        if (request.getCallId() == null) {
            request.setHeader(headers.createHeader("Call-ID",
                    "malformed-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())));
        }
        if (request.getFrom() == null) {
            request.setHeader(headers.createHeader("From", "<sip:anonymous@anonymous.invalid>;tag=malformed"));
        }
        if (request.getTo() == null) {
            request.setHeader(headers.createHeader("To", "<sip:anonymous@anonymous.invalid>"));
        }
    }

    private SIPMessage drop(String why) {
        counts.dropped();
        log.debug("dropped a malformed SIP message: {}", why);
        return null;
    }

    /** Records parse errors instead of throwing; keeps unparsable optional headers as JAIN-SIP does. */
    private static final class Problems implements ParseExceptionListener {

        private final List<String> descriptions = new ArrayList<>();
        private final List<Class<?>> classes = new ArrayList<>();

        @Override
        @SuppressWarnings("rawtypes")
        public void handleException(ParseException ex, SIPMessage message, Class headerClass, String header,
                                    String rawMessage) {
            String name = headerClass == null ? null : MANDATORY.get(headerClass);
            if (name == null) {
                message.addUnparsed(header);
                return;
            }
            classes.add(headerClass);
            descriptions.add("Unparsable " + name + ": " + header.trim());
        }

        void add(String description) {
            if (description != null) {
                descriptions.add(description);
                classes.add(ContentLength.class);
            }
        }

        void addMissing(SIPMessage message) {
            if (message instanceof SIPRequest request) {
                missing(request.getRequestLine(), RequestLine.class, "Missing request line");
            }
            missing(message.getTopmostVia(), Via.class, "Missing Via header");
            missing(message.getFrom(), From.class, "Missing From header");
            missing(message.getTo(), To.class, "Missing To header");
            missing(message.getCallId(), CallID.class, "Missing Call-ID header");
            missing(message.getCSeq(), CSeq.class, "Missing CSeq header");
        }

        private void missing(Object header, Class<?> type, String description) {
            if (header == null && !classes.contains(type)) {
                classes.add(type);
                descriptions.add(description);
            }
        }

        boolean isEmpty() {
            return descriptions.isEmpty();
        }

        boolean concerns(Class<?> type) {
            return classes.contains(type);
        }

        String describe() {
            return String.join("; ", descriptions);
        }
    }
}
