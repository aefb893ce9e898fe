package postbox.ivr;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A question with options chosen by key sequences ({@code "2"}, {@code "#"}, {@code "*3"}, {@code "**9"}), owning
 * its retries, timeout and invalid-key prompt. Keys are read until they spell an option or no option starts with
 * them; an invalid sequence plays {@code invalid}, clears the type-ahead buffer and asks again with
 * {@code reprompt}; so does a timeout (without {@code invalid}). After {@code attempts} failures it gives up with
 * {@link Choice.NoInput} or {@link Choice.Invalid} (the flow says goodbye or picks a default). Immutable value;
 * {@link #ask} is blocking, on the call's thread.
 *
 * @param prompt   the question, played first with barge-in (e.g. a message header and body then its options)
 * @param reprompt played on the later attempts
 * @param options  the key sequences; none may be a prefix of another
 * @param timeout  how long to wait for the first key after the prompt, and between the keys of a sequence
 * @param attempts how many tries before giving up (at least 1)
 * @param invalid  played after a key sequence that matches no option
 */
public record Menu(List<Prompt> prompt, List<Prompt> reprompt, Set<String> options, Duration timeout,
                   int attempts, List<Prompt> invalid) {

    private static final String KEYS = "0123456789*#ABCD";

    public Menu {
        prompt = List.copyOf(prompt);
        reprompt = List.copyOf(reprompt);
        options = Set.copyOf(options);
        invalid = List.copyOf(invalid);
        if (options.isEmpty() || attempts < 1 || timeout.isNegative()) {
            throw new IllegalArgumentException("a menu needs options, at least one attempt and a timeout");
        }
        for (String option : options) {
            if (option.isEmpty() || !option.chars().allMatch(key -> KEYS.indexOf(key) >= 0)) {
                throw new IllegalArgumentException("bad option '" + option + "' (keys " + KEYS + ")");
            }
            for (String other : options) {
                if (!other.equals(option) && other.startsWith(option)) {
                    throw new IllegalArgumentException("option '" + option + "' hides option '" + other + "'");
                }
            }
        }
    }

    /** The same menu with another first prompt (the reprompt stays). */
    public Menu withPrompt(List<Prompt> first) {
        return new Menu(first, reprompt, options, timeout, attempts, invalid);
    }

    /** Asks the caller until an option is chosen or the attempts run out. Blocking, on the call's thread. */
    public Choice ask(Call call) {
        Choice failure = new Choice.NoInput();
        for (int attempt = 0; attempt < attempts; attempt++) {
            call.play(attempt == 0 ? prompt : reprompt);
            Optional<String> keys = readOption(call);
            if (keys.isEmpty()) {
                failure = new Choice.NoInput();
            } else if (options.contains(keys.get())) {
                return new Choice.Selected(keys.get());
            } else {
                failure = new Choice.Invalid();
                call.discardKeys();
                call.play(invalid);
            }
        }
        return failure;
    }

    /** Reads keys until they spell an option, no option starts with them, or the caller stops typing. */
    private Optional<String> readOption(Call call) {
        StringBuilder keys = new StringBuilder();
        while (true) {
            Optional<Character> key = call.readKey(timeout);
            if (key.isEmpty()) {
                // a started sequence left unfinished ("*" alone) is invalid, nothing at all is no input
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.toString());
            }
            keys.append(key.get());
            String typed = keys.toString();
            if (options.contains(typed) || options.stream().noneMatch(option -> option.startsWith(typed))) {
                return Optional.of(typed);
            }
        }
    }
}
