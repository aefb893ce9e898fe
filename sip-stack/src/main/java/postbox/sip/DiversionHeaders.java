package postbox.sip;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the originally called party in the raw values of {@code Diversion} (RFC 5806) and {@code History-Info}
 * (RFC 7044 / 4244) headers, which JAIN-SIP does not know and hands over as text.
 *
 * <p>Diversion: the topmost entry (the first value of the first header) names the party, its {@code reason}
 * parameter the cause. History-Info: entries ordered by {@code index}; the diverting party is the last entry before
 * the final target whose user differs from the Request-URI user; the cause is the RFC 4458 {@code cause} URI
 * parameter of the entry after it (or, RFC 4244 style, a {@code Reason} header escaped into the diverting entry's
 * URI). Diversion wins when both are present. Stateless and thread-safe.
 */
final class DiversionHeaders {

    private DiversionHeaders() {
    }

    /**
     * @param diversion   the raw values of every {@code Diversion} header, top first
     * @param historyInfo the raw values of every {@code History-Info} header, in message order
     * @param requestUser the Request-URI user part
     * @return the originally called party, if the headers name one
     */
    static Optional<Diversion> parse(List<String> diversion, List<String> historyInfo, String requestUser) {
        return fromDiversion(diversion).or(() -> fromHistoryInfo(historyInfo, requestUser));
    }

    private static Optional<Diversion> fromDiversion(List<String> headers) {
        return headers.stream().flatMap(h -> splitValues(h).stream()).findFirst()
                .map(Entry::parse)
                .filter(entry -> !entry.user().isEmpty())
                .map(entry -> new Diversion(entry.user(), diversionReason(entry.params().get("reason"))));
    }

    private static Optional<Diversion> fromHistoryInfo(List<String> headers, String requestUser) {
        List<Entry> entries = new ArrayList<>();
        for (String header : headers) {
            splitValues(header).stream().map(Entry::parse).forEach(entries::add);
        }
        if (entries.stream().noneMatch(entry -> entry.index().isEmpty())) {
            entries.sort(Comparator.comparing(Entry::index, DiversionHeaders::compareIndexes));
        }
        for (int i = entries.size() - 2; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (!entry.user().isEmpty() && !entry.user().equals(requestUser)) {
                DivertReason reason = causeReason(entries.get(i + 1).uriParam("cause"))
                        .or(() -> causeReason(entry.embeddedReasonCause()))
                        .orElse(DivertReason.UNKNOWN);
                return Optional.of(new Diversion(entry.user(), reason));
            }
        }
        return Optional.empty();
    }

    /** RFC 5806 diversion-reason values that choose a greeting; anything else is UNKNOWN. */
    private static DivertReason diversionReason(String reason) {
        if (reason == null) {
            return DivertReason.UNKNOWN;
        }
        return switch (unquote(reason).toLowerCase(Locale.ROOT)) {
            case "user-busy" -> DivertReason.BUSY;
            case "no-answer" -> DivertReason.NO_ANSWER;
            case "unconditional" -> DivertReason.UNCONDITIONAL;
            default -> DivertReason.UNKNOWN;
        };
    }

    /** RFC 4458 cause codes. */
    private static Optional<DivertReason> causeReason(String cause) {
        if (cause == null) {
            return Optional.empty();
        }
        return Optional.of(switch (cause.trim()) {
            case "486" -> DivertReason.BUSY;
            case "408", "480", "487" -> DivertReason.NO_ANSWER;
            case "302" -> DivertReason.UNCONDITIONAL;
            default -> DivertReason.UNKNOWN;
        });
    }

    /** Orders dotted History-Info indexes: "1" before "1.1" before "1.1.2" before "1.2". */
    private static int compareIndexes(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int compared = Long.compare(number(left[i]), number(right[i]));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Splits a header value at the commas that separate entries (not those in quotes or angle brackets). */
    static List<String> splitValues(String header) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted && c == '\\' && i + 1 < header.length()) {
                current.append(c).append(header.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && c == ',') {
                addValue(values, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        addValue(values, current);
        return values;
    }

    private static void addValue(List<String> values, StringBuilder value) {
        String trimmed = value.toString().trim();
        if (!trimmed.isEmpty()) {
            values.add(trimmed);
        }
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /**
     * One name-addr (or bare URI) with its header parameters.
     *
     * @param uri    the URI, without angle brackets
     * @param params header parameters, names lower-cased, values as written
     */
    private record Entry(String uri, Map<String, String> params) {

        static Entry parse(String value) {
            String uri;
            String rest;
            int open = value.indexOf('<');
            int close = open < 0 ? -1 : value.indexOf('>', open);
            if (open >= 0 && close > open) {
                uri = value.substring(open + 1, close).trim();
                rest = value.substring(close + 1);
            } else {
                int semicolon = value.indexOf(';');
                uri = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
                rest = semicolon < 0 ? "" : value.substring(semicolon);
            }
            return new Entry(uri, parameters(rest));
        }

        String index() {
            return params.getOrDefault("index", "").trim();
        }

        /** The URI's user part, unescaped: {@code 201} of {@code sip:201@pbx} or {@code tel:201;phone-context=x}. */
        String user() {
            String lower = uri.toLowerCase(Locale.ROOT);
            int colon = uri.indexOf(':');
            if (colon < 0) {
                return "";
            }
            String afterScheme = uri.substring(colon + 1);
            String user;
            if (lower.startsWith("tel:")) {
                user = cut(afterScheme, ";?");
            } else if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
                int at = cut(afterScheme, "?").indexOf('@');
                if (at < 0) {
                    return "";
                }
                user = cut(afterScheme.substring(0, at), ";:");
            } else {
                return "";
            }
            return decode(user).trim();
        }

        /** A parameter of the URI itself (not of the header), e.g. RFC 4458 {@code cause}. */
        String uriParam(String name) {
            String paramsPart = cut(uri, "?");
            int semicolon = paramsPart.indexOf(';', Math.max(0, paramsPart.indexOf('@')));
            return semicolon < 0 ? null : parameters(paramsPart.substring(semicolon)).get(name);
        }

        /** The cause of a {@code Reason: SIP;cause=NNN} header escaped into the URI (RFC 4244 style). */
        String embeddedReasonCause() {
            int question = uri.indexOf('?');
            if (question < 0) {
                return null;
            }
            for (String header : uri.substring(question + 1).split("&")) {
                int equals = header.indexOf('=');
                if (equals > 0 && header.substring(0, equals).trim().equalsIgnoreCase("Reason")) {
                    String reason = decode(header.substring(equals + 1));
                    int semicolon = reason.indexOf(';');
                    if (reason.trim().toUpperCase(Locale.ROOT).startsWith("SIP") && semicolon > 0) {
                        return parameters(reason.substring(semicolon)).get("cause");
                    }
                }
            }
            return null;
        }

        private static String cut(String text, String stops) {
            for (int i = 0; i < text.length(); i++) {
                if (stops.indexOf(text.charAt(i)) >= 0) {
                    return text.substring(0, i);
                }
            }
            return text;
        }

        private static Map<String, String> parameters(String text) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String param : splitOutsideQuotes(text)) {
                int equals = param.indexOf('=');
                String name = (equals < 0 ? param : param.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    params.putIfAbsent(name, equals < 0 ? "" : unquote(param.substring(equals + 1)));
                }
            }
            return params;
        }

        private static List<String> splitOutsideQuotes(String text) {
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            for (char c : text.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ';' && !quoted) {
                    parts.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            parts.add(current.toString());
            return parts;
        }
    }
}
