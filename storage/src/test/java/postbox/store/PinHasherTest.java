package postbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PinHasherTest {

    private final PinHasher hasher = new PinHasher(1_000);

    @Test
    void aHashNamesItsSchemeIterationsSaltAndHash() {
        String hash = hasher.hash("1793");

        assertThat(hash).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hash).doesNotContain("1793");
    }

    @Test
    void matchesOnlyTheRightPin() {
        String hash = hasher.hash("1793");

        assertThat(hasher.matches("1793", hash)).isTrue();
        assertThat(hasher.matches("1794", hash)).isFalse();
        assertThat(hasher.matches("17930", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        String first = hasher.hash("1793");
        String second = hasher.hash("1793");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.split("\\$")[2]).isNotEqualTo(second.split("\\$")[2]);
        assertThat(hasher.matches("1793", second)).isTrue();
    }

    @Test
    void theIterationsAreReadFromTheStoredHash() {
        String weak = new PinHasher(500).hash("1793");

        assertThat(hasher.matches("1793", weak)).isTrue();
        String tampered = weak.replace("$500$", "$501$");
        assertThat(hasher.matches("1793", tampered)).isFalse();
    }

    @Test
    void malformedStoredHashesAreRejected() {
        for (String bad : new String[] {"", "1793", "bcrypt$10$abc$def", "pbkdf2-sha256$x$AAAA$AAAA",
                "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$1000$AAAA$AAAA", "pbkdf2-sha256$1000$!!$AAAA"}) {
            assertThatThrownBy(() -> hasher.matches("1793", bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PIN hash");
        }
    }

    @Test
    void iterationsMustBePositive() {
        assertThatThrownBy(() -> new PinHasher(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultCostIsSlow() {
        PinHasher production = new PinHasher(PinHasher.DEFAULT_ITERATIONS);
        String hash = production.hash("1793");

        long start = System.nanoTime();
        assertThat(production.matches("1793", hash)).isTrue();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(hash).startsWith("pbkdf2-sha256$" + PinHasher.DEFAULT_ITERATIONS + "$");
        assertThat(elapsedMillis).as("one PIN check at the default cost, in ms").isGreaterThanOrEqualTo(10);
    }
}
