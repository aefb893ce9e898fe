package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NonceMintTest {

    private final TestClock clock = new TestClock();
    private final NonceMint mint = new NonceMint(clock, Duration.ofSeconds(30));

    @Test
    void aNonceIsFreshForItsLifetimeThenStale() {
        String nonce = mint.issue();

        clock.advance(Duration.ofSeconds(30));
        assertThat(mint.check(nonce)).isEqualTo(NonceMint.Freshness.FRESH);
        clock.advance(Duration.ofMillis(1));
        assertThat(mint.check(nonce)).isEqualTo(NonceMint.Freshness.STALE);
    }

    @Test
    void noncesAreUniqueAndQuotable() {
        String first = mint.issue();
        String second = mint.issue();

        assertThat(first).isNotEqualTo(second).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aTamperedOrForeignNonceIsUnknown() {
        String nonce = mint.issue();
        // The first character: the last one of unpadded base64 carries bits the decoder ignores.
        char first = nonce.charAt(0);
        String tampered = (first == 'A' ? 'B' : 'A') + nonce.substring(1);

        assertThat(mint.check(tampered)).isEqualTo(NonceMint.Freshness.UNKNOWN);
        assertThat(new NonceMint(clock, Duration.ofSeconds(30)).check(nonce)).isEqualTo(NonceMint.Freshness.UNKNOWN);
        assertThat(mint.check("not base64 !")).isEqualTo(NonceMint.Freshness.UNKNOWN);
        assertThat(mint.check("")).isEqualTo(NonceMint.Freshness.UNKNOWN);
    }
}
