package postbox.store;

/**
 * The rule for mailbox numbers: 1 to 15 digits. Every store checks ids with it before using them (in particular
 * before building a file path from one). Stateless; thread-safe.
 */
public final class MailboxId {

    /** The most digits a mailbox number may have. */
    public static final int MAX_DIGITS = 15;

    private MailboxId() {
    }

    /** Whether {@code id} is a valid mailbox number. */
    public static boolean isValid(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_DIGITS
                && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * Returns {@code id} when valid.
     *
     * @throws IllegalArgumentException naming the rule and the rejected id
     */
    public static String check(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("a mailbox id must be 1 to " + MAX_DIGITS + " digits, got "
                    + (id == null ? "null" : "'" + id + "'"));
        }
        return id;
    }
}
