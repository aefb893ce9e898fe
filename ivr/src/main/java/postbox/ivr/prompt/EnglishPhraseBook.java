package postbox.ivr.prompt;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import postbox.ivr.Prompt;

/**
 * American English: "one hundred twenty three", "message 3, from 2 0 2, received today at 2 15 P M", "you have
 * 2 new messages and 1 saved message". Phrase ids: {@code num-0..19}, {@code num-20..90} by tens,
 * {@code num-hundred}, {@code num-thousand}, {@code ord-1..31}, {@code day-monday..}, {@code month-january..},
 * {@code time-am}, {@code time-pm}, {@code time-oh}, and a few words. Immutable, thread-safe.
 */
public final class EnglishPhraseBook implements PhraseBook {

    /** The largest number {@link #number} says. */
    public static final int MAX_NUMBER = 999_999;

    private static final Prompt HUNDRED = Prompt.phrase("num-hundred");
    private static final Prompt THOUSAND = Prompt.phrase("num-thousand");
    private static final Prompt YOU_HAVE = Prompt.phrase("you-have");
    private static final Prompt AND = Prompt.phrase("and");

    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param zone  the zone in which days and times are said
     * @param clock what "today" is measured against
     */
    public EnglishPhraseBook(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public List<Prompt> number(int n) {
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("can only say numbers from 0 to " + MAX_NUMBER + ", not " + n);
        }
        List<Prompt> words = new ArrayList<>();
        spell(n, words);
        return List.copyOf(words);
    }

    private static void spell(int n, List<Prompt> words) {
        int rest = n;
        if (rest >= 1000) {
            spell(rest / 1000, words);
            words.add(THOUSAND);
            rest %= 1000;
            if (rest == 0) {
                return;
            }
        }
        if (rest >= 100) {
            words.add(num(rest / 100));
            words.add(HUNDRED);
            rest %= 100;
            if (rest == 0) {
                return;
            }
        }
        if (rest >= 20) {
            words.add(num(rest / 10 * 10));
            rest %= 10;
            if (rest == 0) {
                return;
            }
        }
        words.add(num(rest));
    }

    private static Prompt num(int n) {
        return Prompt.phrase("num-" + n);
    }

    @Override
    public List<Prompt> digits(String keys) {
        List<Prompt> words = new ArrayList<>();
        for (char key : keys.toCharArray()) {
            switch (key) {
                case '*' -> words.add(Prompt.phrase("key-star"));
                case '#' -> words.add(Prompt.phrase("key-hash"));
                default -> {
                    if (key >= '0' && key <= '9') {
                        words.add(num(key - '0'));
                    }
                }
            }
        }
        return List.copyOf(words);
    }

    @Override
    public List<Prompt> messageCounts(int newCount, int savedCount) {
        List<Prompt> words = new ArrayList<>();
        words.add(YOU_HAVE);
        if (newCount == 0 && savedCount == 0) {
            words.add(Prompt.phrase("no-messages"));
            return List.copyOf(words);
        }
        if (newCount == 0) {
            words.add(Prompt.phrase("no-new-messages"));
        } else {
            words.addAll(number(newCount));
            words.add(Prompt.phrase(newCount == 1 ? "new-message" : "new-messages"));
        }
        if (savedCount > 0) {
            words.add(AND);
            words.addAll(number(savedCount));
            words.add(Prompt.phrase(savedCount == 1 ? "saved-message" : "saved-messages"));
        }
        return List.copyOf(words);
    }

    @Override
    public List<Prompt> messageHeader(int position, String from, Instant receivedAt) {
        List<Prompt> words = new ArrayList<>();
        words.add(Prompt.phrase("message"));
        words.addAll(number(position));
        words.add(Prompt.phrase("from"));
        List<Prompt> caller = digits(from.replaceAll("[^0-9]", ""));
        words.addAll(caller.isEmpty() ? List.of(Prompt.phrase("unknown-caller")) : caller);
        words.add(Prompt.phrase("received"));
        ZonedDateTime when = receivedAt.atZone(zone);
        words.addAll(day(when.toLocalDate()));
        words.add(Prompt.phrase("at"));
        words.addAll(time(when.getHour(), when.getMinute()));
        return List.copyOf(words);
    }

    /** "today", "yesterday", "on Monday" (within the last week), "on March 3rd". */
    private List<Prompt> day(LocalDate date) {
        long daysAgo = ChronoUnit.DAYS.between(date, LocalDate.ofInstant(clock.instant(), zone));
        if (daysAgo == 0) {
            return List.of(Prompt.phrase("today"));
        }
        if (daysAgo == 1) {
            return List.of(Prompt.phrase("yesterday"));
        }
        Prompt on = Prompt.phrase("on");
        if (daysAgo > 1 && daysAgo < 7) {
            return List.of(on, weekday(date.getDayOfWeek()));
        }
        return List.of(on, month(date.getMonth()), Prompt.phrase("ord-" + date.getDayOfMonth()));
    }

    /** "2 P M", "2 oh 5 P M", "12 15 A M" (just after midnight). */
    private List<Prompt> time(int hour, int minute) {
        List<Prompt> words = new ArrayList<>(number(hour % 12 == 0 ? 12 : hour % 12));
        if (minute > 0 && minute < 10) {
            words.add(Prompt.phrase("time-oh"));
        }
        if (minute > 0) {
            words.addAll(number(minute));
        }
        words.add(Prompt.phrase(hour < 12 ? "time-am" : "time-pm"));
        return words;
    }

    private static Prompt weekday(DayOfWeek day) {
        return Prompt.phrase("day-" + day.name().toLowerCase(Locale.ROOT));
    }

    private static Prompt month(Month month) {
        return Prompt.phrase("month-" + month.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<Prompt> systemGreeting(String mailbox, Optional<Prompt> recordedName) {
        List<Prompt> words = new ArrayList<>();
        if (recordedName.isPresent()) {
            words.add(recordedName.get());
        } else {
            words.add(Prompt.phrase("person-at-extension"));
            words.addAll(digits(mailbox));
        }
        words.add(Prompt.phrase("is-not-available"));
        words.add(Prompt.phrase("leave-after-tone"));
        return List.copyOf(words);
    }

    @Override
    public Set<String> vocabulary() {
        Set<String> ids = new TreeSet<>();
        for (int n = 0; n < 20; n++) {
            ids.add("num-" + n);
        }
        for (int n = 20; n < 100; n += 10) {
            ids.add("num-" + n);
        }
        for (int day = 1; day <= 31; day++) {
            ids.add("ord-" + day);
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            ids.add(weekday(day).label());
        }
        for (Month month : Month.values()) {
            ids.add(month(month).label());
        }
        ids.addAll(List.of("num-hundred", "num-thousand", "key-star", "key-hash", "you-have", "and", "no-messages",
                "no-new-messages", "new-message", "new-messages", "saved-message", "saved-messages", "message",
                "from", "unknown-caller", "received", "today", "yesterday", "on", "at", "time-oh", "time-am",
                "time-pm", "person-at-extension", "is-not-available", "leave-after-tone"));
        return Collections.unmodifiableSet(ids);
    }
}
