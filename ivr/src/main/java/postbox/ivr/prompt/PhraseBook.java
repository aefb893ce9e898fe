package postbox.ivr.prompt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import postbox.ivr.Prompt;

/**
 * Composes what callers hear from a language's phrases: numbers, digit strings, message counts, message
 * headers (with day and time), the system greeting. One implementation per language; flows call these
 * methods and never assemble words themselves. Thread-safe (implementations are immutable).
 */
public interface PhraseBook {

    /** A number from 0 to 999 999 ("one hundred twenty three"). */
    List<Prompt> number(int n);

    /**
     * A number read key by key ("two oh one" style: "2 0 1"); keys other than {@code 0-9 * #} are skipped.
     */
    List<Prompt> digits(String keys);

    /**
     * "you have 2 new messages and 1 saved message", "you have no new messages and 3 saved messages",
     * "you have 1 new message", "you have no messages".
     *
     * @param newCount   messages not yet heard
     * @param savedCount old and saved messages (both are "saved" for the caller)
     */
    List<Prompt> messageCounts(int newCount, int savedCount);

    /**
     * "message 3, from 2 0 2, received today at 2 15 PM" (today, yesterday, a weekday within the last week,
     * otherwise month and day), in the book's zone and relative to its clock.
     *
     * @param position the message's place in the listening order, from 1
     * @param from     the caller's number (read digit by digit) or empty/non-numeric for "an unknown caller"
     */
    List<Prompt> messageHeader(int position, String from, Instant receivedAt);

    /**
     * The greeting of a mailbox that has none recorded: "&lt;recorded name&gt; is not available" or "the person
     * at extension 2 0 1 is not available", then "please leave your message after the tone".
     */
    List<Prompt> systemGreeting(String mailbox, Optional<Prompt> recordedName);

    /** Every phrase id these methods can produce (checked against the prompt library at start). */
    Set<String> vocabulary();
}
