package postbox.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP message as text, for the raw-socket test UAC: parsed from what arrives, or rendered from a template file
 * under {@code src/test/resources/sip/} with {@code ${name}} placeholders.
 *
 * @param firstLine the request or status line
 * @param headers   header lines as (name, value), in order
 * @param body      the body, empty when none
 */
record SipText(String firstLine, List<Map.Entry<String, String>> headers, String body) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static final Map<String, String> COMPACT = Map.of("v", "via", "f", "from", "t", "to", "i", "call-id",
            "m", "contact", "l", "content-length", "c", "content-type");

    static SipText parse(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.replace("\r\n ", " ").replace("\r\n\t", " ").split("\r\n");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        return new SipText(lines[0], headers, body);
    }

    /**
     * Fills a template's placeholders, drops the lines left empty, uses CRLF, and ends the headers with
     * Content-Type (when there is a body) and Content-Length.
     */
    static String render(String template, Map<String, String> values, String contentType, String body) {
        StringBuilder message = new StringBuilder();
        for (String line : fill(TestFiles.read(template), values).split("\n")) {
            if (!line.isBlank()) {
                message.append(line).append("\r\n");
            }
        }
        if (!body.isEmpty()) {
            message.append("Content-Type: ").append(contentType).append("\r\n");
        }
        String crlfBody = body.replace("\r\n", "\n").replace("\n", "\r\n");
        message.append("Content-Length: ").append(crlfBody.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
        return message.append(crlfBody).toString();
    }

    /** Fills placeholders and turns LF into CRLF, changing nothing else (for malformed messages). */
    static String verbatim(String template, Map<String, String> values) {
        return fill(TestFiles.read(template), values).replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }

    static Map<String, String> values(Object... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
        }
        return values;
    }

    boolean isResponse() {
        return firstLine.startsWith("SIP/2.0 ");
    }

    int status() {
        return isResponse() ? Integer.parseInt(firstLine.split(" ")[1]) : -1;
    }

    String method() {
        return isResponse() ? cseqMethod() : firstLine.split(" ")[0];
    }

    String cseqMethod() {
        String cseq = header("CSeq");
        return cseq == null ? "" : cseq.trim().split("\\s+")[1];
    }

    /** The first value of a header (full or compact name, case-insensitive), or null. */
    String header(String name) {
        List<String> all = headerValues(name);
        return all.isEmpty() ? null : all.getFirst();
    }

    List<String> headerValues(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            String key = header.getKey().toLowerCase(Locale.ROOT);
            if (COMPACT.getOrDefault(key, key).equals(wanted)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    /** The tag parameter of the To header, or null. */
    String toTag() {
        Matcher matcher = Pattern.compile(";\\s*tag=([^;>\\s]+)").matcher(header("To"));
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The URI in the Contact header. */
    String contactUri() {
        String contact = header("Contact");
        return contact.substring(contact.indexOf('<') + 1, contact.indexOf('>'));
    }

    /** A response to this request: its Via, From, To (tag added when given), Call-ID and CSeq copied. */
    String responseText(int status, String reason, String toTag) {
        StringBuilder response = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason)
                .append("\r\n");
        for (String via : headerValues("Via")) {
            response.append("Via: ").append(via).append("\r\n");
        }
        String to = header("To");
        if (toTag != null && !to.contains("tag=")) {
            to = to + ";tag=" + toTag;
        }
        response.append("From: ").append(header("From")).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(header("Call-ID")).append("\r\n")
                .append("CSeq: ").append(header("CSeq")).append("\r\n")
                .append("Content-Length: 0\r\n\r\n");
        return response.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(firstLine).append('\n');
        headers.forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
        return text.append('\n').append(body).toString();
    }
}
