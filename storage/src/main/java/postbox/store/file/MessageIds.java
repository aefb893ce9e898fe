package postbox.store.file;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Message ids: unique across nodes and sortable by time, {@code 20261126T021500123Z-<16 hex random>}; and the
 * rule for ids arriving from elsewhere (letters, digits, '-' and '_', at most 100, so an id is always a safe
 * file name). Thread-safe.
 */
final class MessageIds {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private final SecureRandom random = new SecureRandom();

    /** A new id for a message started at {@code now}. */
    String next(Instant now) {
        return STAMP.format(now) + '-' + HexFormat.of().toHexDigits(random.nextLong());
    }

    /** Whether {@code id} is acceptable as a message id. */
    static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Returns {@code id} when valid; otherwise throws {@link IllegalArgumentException} saying the rule. */
    static String check(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("a message id must be 1 to 100 letters, digits, '-' or '_' "
                    + "(starting with a letter or digit), got " + (id == null ? "null" : "'" + id + "'"));
        }
        return id;
    }
}
