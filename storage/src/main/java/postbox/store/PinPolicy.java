package postbox.store;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The PIN rules of SPEC section 4: 4-15 digits, not the mailbox number, not the previous PIN, not one digit
 * repeated (1111), not a straight sequence up or down (1234, 9876). Stateless; thread-safe.
 */
public final class PinPolicy {

    /** The fewest digits a PIN may have. */
    public static final int MIN_DIGITS = 4;
    /** The most digits a PIN may have. */
    public static final int MAX_DIGITS = 15;

    private PinPolicy() {
    }

    /**
     * Checks a new PIN for a mailbox.
     *
     * @param mailbox    the mailbox number the PIN is for
     * @param pin        the proposed PIN
     * @param isPrevious whether the PIN is the mailbox's previous one (asked last: it may cost a slow hash)
     * @throws IllegalArgumentException with a sentence naming the rule the PIN breaks
     */
    public static void check(String mailbox, String pin, Predicate<String> isPrevious) {
        Objects.requireNonNull(isPrevious, "isPrevious");
        if (pin == null || pin.isEmpty() || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("A PIN must contain digits only.");
        }
        if (pin.length() < MIN_DIGITS || pin.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("A PIN must be " + MIN_DIGITS + " to " + MAX_DIGITS
                    + " digits long.");
        }
        if (pin.equals(mailbox)) {
            throw new IllegalArgumentException("A PIN must not be the mailbox number.");
        }
        if (hasConstantStep(pin, 0)) {
            throw new IllegalArgumentException("A PIN must not repeat one digit (like 1111).");
        }
        if (hasConstantStep(pin, 1) || hasConstantStep(pin, -1)) {
            throw new IllegalArgumentException("A PIN must not be a straight sequence (like 1234 or 9876).");
        }
        if (isPrevious.test(pin)) {
            throw new IllegalArgumentException("A PIN must not be the previous PIN.");
        }
    }

    private static boolean hasConstantStep(String pin, int step) {
        for (int i = 1; i < pin.length(); i++) {
            if (pin.charAt(i) - pin.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }
}
