package postbox.store;

import java.util.Locale;

/** The greetings a mailbox can record; SPEC section 3 gives their priority. */
public enum GreetingKind {
    TEMPORARY, BUSY, NOANSWER, DEFAULT, NAME;

    /** The lower-case name used in URLs and files ({@code noanswer}). */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #token()}; throws {@link IllegalArgumentException} naming the valid kinds. */
    public static GreetingKind parse(String token) {
        for (GreetingKind kind : values()) {
            if (kind.token().equals(token)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown greeting kind '" + token
                + "' (expected default, busy, noanswer, temporary or name)");
    }
}
