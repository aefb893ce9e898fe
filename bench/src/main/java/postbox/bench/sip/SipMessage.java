package postbox.bench.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One SIP message as text: the start line, the headers in order (names as sent) and the body. Parses what a SIP
 * stack sends over UDP: CRLF or LF line ends, compact header names, {@code Content-Length} honoured. Immutable.
 *
 * @param startLine {@code INVITE sip:... SIP/2.0} or {@code SIP/2.0 200 OK}
 * @param headers   name and value of each header line, in order
 * @param body      the body (empty when none)
 */
public record SipMessage(String startLine, List<Header> headers, String body) {

    /** One header line. */
    public record Header(String name, String value) {
    }

    private static final Map<String, String> COMPACT = Map.of("i", "call-id", "f", "from", "t", "to", "v", "via",
            "m", "contact", "l", "content-length", "c", "content-type");

    /**
     * Parses one datagram's text.
     *
     * @throws IllegalArgumentException when it is not a SIP message
     */
    public static SipMessage parse(String text) {
        int split = text.indexOf("\r\n\r\n");
        int bodyStart = split + 4;
        if (split < 0) {
            split = text.indexOf("\n\n");
            bodyStart = split + 2;
        }
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(bodyStart);
        String[] lines = head.split("\r?\n");
        String start = lines[0].trim();
        if (!start.startsWith("SIP/2.0 ") && !start.endsWith(" SIP/2.0")) {
            throw new IllegalArgumentException("not a SIP start line: '" + start + "'");
        }
        List<Header> headers = new ArrayList<>(lines.length);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not a header line: '" + lines[i] + "'");
            }
            headers.add(new Header(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
        }
        SipMessage message = new SipMessage(start, List.copyOf(headers), body);
        Optional<String> length = message.header("Content-Length");
        if (length.isPresent()) {
            int declared = Integer.parseInt(length.get());
            if (declared < body.length()) {
                message = new SipMessage(start, message.headers, body.substring(0, declared));
            }
        }
        return message;
    }

    /** True for a response. */
    public boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    /** A response's status code. */
    public int status() {
        if (!isResponse()) {
            throw new IllegalStateException("a request has no status: " + startLine);
        }
        return Integer.parseInt(startLine.substring(8, 11));
    }

    /** A request's method. */
    public String method() {
        if (isResponse()) {
            throw new IllegalStateException("a response has no method: " + startLine);
        }
        return startLine.substring(0, startLine.indexOf(' '));
    }

    /** The first header of that name (case-insensitive, compact forms too). */
    public Optional<String> header(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> canonical(h.name()).equals(wanted)).map(Header::value).findFirst();
    }

    /** Every header of that name, in order. */
    public List<String> headers(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> canonical(h.name()).equals(wanted)).map(Header::value).toList();
    }

    /** The Call-ID. */
    public String callId() {
        return header("Call-ID").orElseThrow(() -> new IllegalArgumentException("no Call-ID in " + startLine));
    }

    /** The method named in CSeq. */
    public String cseqMethod() {
        String cseq = header("CSeq").orElseThrow(() -> new IllegalArgumentException("no CSeq in " + startLine));
        return cseq.substring(cseq.indexOf(' ') + 1).trim();
    }

    /** The {@code tag} parameter of the To header, if any. */
    public Optional<String> toTag() {
        return header("To").flatMap(to -> parameter(to, "tag"));
    }

    /** The URI inside the first Contact header's angle brackets (or the bare URI). */
    public Optional<String> contactUri() {
        return header("Contact").map(contact -> {
            int open = contact.indexOf('<');
            int close = contact.indexOf('>', open + 1);
            if (open >= 0 && close > open) {
                return contact.substring(open + 1, close);
            }
            int semicolon = contact.indexOf(';');
            return semicolon < 0 ? contact : contact.substring(0, semicolon);
        });
    }

    /** A header parameter ({@code ;name=value}) after the URI part of a name-addr. */
    static Optional<String> parameter(String value, String name) {
        int close = value.indexOf('>');
        String params = close < 0 ? value : value.substring(close + 1);
        for (String part : params.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase(name)) {
                return Optional.of(part.substring(equals + 1).trim());
            }
        }
        return Optional.empty();
    }

    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }
}
