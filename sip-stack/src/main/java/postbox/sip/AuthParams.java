package postbox.sip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP-style authentication header value read into schemes and their parameters (RFC 7235 section 2.1):
 * {@code Digest realm="a", nonce=b, Digest ...}. Parameter names are lower-cased, quoted values unquoted
 * (backslash escapes undone). One value may hold several challenges. Immutable.
 *
 * @param scheme the scheme token as written ({@code Digest})
 * @param params the parameters in order, names lower-case
 */
record AuthParams(String scheme, Map<String, String> params) {

    /** Every scheme in the value, in order; text that fits no scheme is skipped. */
    static List<AuthParams> parse(String value) {
        List<AuthParams> all = new ArrayList<>();
        Reader reader = new Reader(value);
        String scheme = null;
        Map<String, String> params = null;
        while (reader.skipSeparators()) {
            String token = reader.token();
            if (token.isEmpty()) {
                reader.skipOne();
                continue;
            }
            if (reader.atEquals()) {
                String parameter = reader.value();
                if (params != null) {
                    params.put(token.toLowerCase(Locale.ROOT), parameter);
                }
            } else {
                if (scheme != null) {
                    all.add(new AuthParams(scheme, params));
                }
                scheme = token;
                params = new LinkedHashMap<>();
            }
        }
        if (scheme != null) {
            all.add(new AuthParams(scheme, params));
        }
        return all;
    }

    /** Whether the scheme is {@code Digest} (case-insensitive). */
    boolean digest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    /** A parameter's value, or null. */
    String get(String name) {
        return params.get(name);
    }

    /** A cursor over the header value. Not thread-safe; lives for one parse. */
    private static final class Reader {
        private final String text;
        private int position;

        Reader(String text) {
            this.text = text;
        }

        /** Skips blanks and commas; false at the end. */
        boolean skipSeparators() {
            while (position < text.length() && (Character.isWhitespace(text.charAt(position))
                    || text.charAt(position) == ',')) {
                position++;
            }
            return position < text.length();
        }

        void skipOne() {
            position++;
        }

        String token() {
            int start = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))
                    && "=,\"".indexOf(text.charAt(position)) < 0) {
                position++;
            }
            return text.substring(start, position);
        }

        /** True (and past the '=') when the next non-blank character is '='. */
        boolean atEquals() {
            int look = position;
            while (look < text.length() && Character.isWhitespace(text.charAt(look))) {
                look++;
            }
            if (look < text.length() && text.charAt(look) == '=') {
                position = look + 1;
                return true;
            }
            return false;
        }

        /** A quoted string (unescaped) or a bare value up to the next comma or blank. */
        String value() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position < text.length() && text.charAt(position) == '"') {
                StringBuilder value = new StringBuilder();
                position++;
                while (position < text.length() && text.charAt(position) != '"') {
                    char c = text.charAt(position++);
                    if (c == '\\' && position < text.length()) {
                        c = text.charAt(position++);
                    }
                    value.append(c);
                }
                position++;
                return value.toString();
            }
            int start = position;
            while (position < text.length() && text.charAt(position) != ','
                    && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }
    }
}
