package postbox.ivr.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import postbox.ivr.Prompt;

class EnglishPhraseBookTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Friday 14 March 2025, 2:30 PM in New York. */
    private static final Instant NOW = LocalDateTime.parse("2025-03-14T14:30:00").atZone(NEW_YORK).toInstant();

    private final EnglishPhraseBook book = new EnglishPhraseBook(NEW_YORK, Clock.fixed(NOW, NEW_YORK));

    private static List<String> ids(List<Prompt> prompts) {
        return prompts.stream().map(Prompt::label).toList();
    }

    private static String words(List<Prompt> prompts) {
        return String.join(" ", ids(prompts));
    }

    @ParameterizedTest
    @CsvSource({
        "0,       num-0",
        "7,       num-7",
        "13,      num-13",
        "20,      num-20",
        "42,      num-40 num-2",
        "100,     num-1 num-hundred",
        "115,     num-1 num-hundred num-15",
        "1000,    num-1 num-thousand",
        "1005,    num-1 num-thousand num-5",
        "20300,   num-20 num-thousand num-3 num-hundred",
        "999999,  num-9 num-hundred num-90 num-9 num-thousand num-9 num-hundred num-90 num-9",
    })
    void numbers(int n, String expected) {
        assertThat(words(book.number(n))).isEqualTo(expected);
    }

    @Test
    void numbersSaidReadBackAsTheSameNumber() {
        Random random = new Random(20250314);
        for (int i = 0; i < 10_000; i++) {
            int n = random.nextInt(EnglishPhraseBook.MAX_NUMBER + 1);
            assertThat(valueOf(ids(book.number(n)))).as("number %d", n).isEqualTo(n);
        }
    }

    /** The listener's side: words back to a number. */
    private static int valueOf(List<String> words) {
        int total = 0;
        int group = 0;
        for (String word : words) {
            switch (word) {
                case "num-hundred" -> group *= 100;
                case "num-thousand" -> {
                    total += group * 1000;
                    group = 0;
                }
                default -> group += Integer.parseInt(word.substring("num-".length()));
            }
        }
        return total + group;
    }

    @Test
    void numbersOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> book.number(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.number(1_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digitsAreReadOneByOne() {
        assertThat(words(book.digits("201"))).isEqualTo("num-2 num-0 num-1");
        assertThat(words(book.digits("*7#"))).isEqualTo("key-star num-7 key-hash");
        assertThat(words(book.digits("+1 (212) 5"))).isEqualTo("num-1 num-2 num-1 num-2 num-5");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0, you-have no-messages",
        "1, 0, you-have num-1 new-message",
        "2, 0, you-have num-2 new-messages",
        "2, 1, you-have num-2 new-messages and num-1 saved-message",
        "1, 5, you-have num-1 new-message and num-5 saved-messages",
        "0, 3, you-have no-new-messages and num-3 saved-messages",
        "0, 1, you-have no-new-messages and num-1 saved-message",
    })
    void counts(int newCount, int savedCount, String expected) {
        assertThat(words(book.messageCounts(newCount, savedCount))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        // received (New York time)   when it is said
        "2025-03-14T14:15, today at num-2 num-15 time-pm",
        "2025-03-14T00:00, today at num-12 time-am",
        "2025-03-14T12:00, today at num-12 time-pm",
        "2025-03-13T09:05, yesterday at num-9 time-oh num-5 time-am",
        "2025-03-13T23:59, yesterday at num-11 num-50 num-9 time-pm",
        "2025-03-12T10:30, on day-wednesday at num-10 num-30 time-am",
        "2025-03-08T08:00, on day-saturday at num-8 time-am",
        "2025-03-07T08:00, on month-march ord-7 at num-8 time-am",
        "2025-02-22T17:45, on month-february ord-22 at num-5 num-40 num-5 time-pm",
        "2024-12-31T13:01, on month-december ord-31 at num-1 time-oh num-1 time-pm",
    })
    void headersSayWhenInTheBookZone(String receivedLocal, String expectedWhen) {
        Instant received = LocalDateTime.parse(receivedLocal).atZone(NEW_YORK).toInstant();

        assertThat(words(book.messageHeader(3, "202", received)))
                .isEqualTo("message num-3 from num-2 num-0 num-2 received " + expectedWhen);
    }

    @Test
    void theDayDependsOnTheZone() {
        // 03:00 UTC on the 14th is 11 PM on the 13th in New York, but today in London
        Instant received = Instant.parse("2025-03-14T03:00:00Z");
        ZoneId london = ZoneId.of("Europe/London");
        EnglishPhraseBook inLondon = new EnglishPhraseBook(london, Clock.fixed(NOW, london));

        assertThat(words(book.messageHeader(1, "202", received))).endsWith("yesterday at num-11 time-pm");
        assertThat(words(inLondon.messageHeader(1, "202", received))).endsWith("today at num-3 time-am");
    }

    @Test
    void aCallerWithoutDigitsIsUnknown() {
        assertThat(words(book.messageHeader(12, "", NOW))).startsWith("message num-12 from unknown-caller received");
        assertThat(words(book.messageHeader(1, "anonymous", NOW))).startsWith("message num-1 from unknown-caller");
    }

    @Test
    void theSystemGreetingUsesTheRecordedNameOrTheNumber() {
        Prompt name = Prompt.audio("greeting:201/name", () -> {
            throw new AssertionError("not opened when composing");
        });

        assertThat(words(book.systemGreeting("201", Optional.empty())))
                .isEqualTo("person-at-extension num-2 num-0 num-1 is-not-available leave-after-tone");
        assertThat(words(book.systemGreeting("201", Optional.of(name))))
                .isEqualTo("greeting:201/name is-not-available leave-after-tone");
    }

    @Test
    void theVocabularyHoldsEveryIdTheBookProduces() {
        Set<String> produced = new HashSet<>();
        for (int n = 0; n <= EnglishPhraseBook.MAX_NUMBER; n += n < 2000 ? 1 : 997) {
            produced.addAll(ids(book.number(n)));
        }
        produced.addAll(ids(book.digits("0123456789*#")));
        for (int newCount = 0; newCount < 3; newCount++) {
            for (int savedCount = 0; savedCount < 3; savedCount++) {
                produced.addAll(ids(book.messageCounts(newCount, savedCount)));
            }
        }
        // every minute of a day, every day of a leap year back, seen from each day of a week
        for (int minute = 0; minute < 24 * 60; minute++) {
            produced.addAll(ids(book.messageHeader(1, "", NOW.minus(Duration.ofMinutes(minute)))));
        }
        for (int weekday = 0; weekday < 7; weekday++) {
            Instant now = NOW.plus(Duration.ofDays(weekday));
            EnglishPhraseBook then = new EnglishPhraseBook(NEW_YORK, Clock.fixed(now, NEW_YORK));
            for (int day = 0; day < 366; day++) {
                produced.addAll(ids(then.messageHeader(1, "2*#", now.minus(Duration.ofDays(day)))));
            }
        }
        produced.addAll(ids(book.systemGreeting("201", Optional.empty())));

        assertThat(book.vocabulary()).containsAll(produced);
        assertThat(produced).containsAll(book.vocabulary());
    }
}
