package postbox.ivr;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A question answered by typing digits ended by a terminator (a mailbox number or a PIN, then {@code #}).
 * The entry ends at the terminator, after {@code maxKeys} keys, or when the caller stops typing for
 * {@code timeout} (what was typed counts). Immutable value; {@link #ask} is blocking, on the call's thread.
 *
 * @param prompt     the question, played with barge-in (skipped when keys were typed ahead)
 * @param terminator the key that ends the entry (not part of it)
 * @param maxKeys    the most keys taken
 * @param timeout    how long to wait for the first key after the prompt, and between keys
 */
public record DigitEntry(List<Prompt> prompt, char terminator, int maxKeys, Duration timeout) {

    public DigitEntry {
        prompt = List.copyOf(prompt);
        if (maxKeys < 1 || timeout.isNegative()) {
            throw new IllegalArgumentException("an entry needs at least one key and a timeout");
        }
    }

    /**
     * Asks once. Blocking, on the call's thread.
     *
     * @return the keys typed (without the terminator; possibly empty when only the terminator was pressed), or
     *         empty when the caller typed nothing at all before the timeout
     */
    public Optional<String> ask(Call call) {
        call.play(prompt);
        StringBuilder keys = new StringBuilder();
        while (keys.length() < maxKeys) {
            Optional<Character> key = call.readKey(timeout);
            if (key.isEmpty()) {
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.toString());
            }
            if (key.get() == terminator) {
                return Optional.of(keys.toString());
            }
            keys.append(key.get());
        }
        return Optional.of(keys.toString());
    }
}
