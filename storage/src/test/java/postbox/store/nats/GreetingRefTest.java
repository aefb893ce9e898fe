package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GreetingRefTest {

    @Test
    void theObjectIsNamedByTheContentsSha256() {
        GreetingRef ref = GreetingRef.of("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(ref.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ref.object()).isEqualTo(ref.sha256() + ".wav");
        assertThat(ref.size()).isEqualTo(3);
    }

    @Test
    void matchesOnlyTheSameBytes() {
        GreetingRef ref = GreetingRef.of(new byte[] {1, 2, 3});

        assertThat(ref.matches(new byte[] {1, 2, 3})).isTrue();
        assertThat(ref.matches(new byte[] {1, 2, 4})).isFalse();
        assertThat(ref.matches(new byte[] {1, 2, 3, 0})).isFalse();
    }

    @Test
    void roundTripsAsJson() throws IOException {
        GreetingRef ref = GreetingRef.of(new byte[] {9});

        assertThat(SyncJson.read(SyncJson.write(ref).getBytes(StandardCharsets.UTF_8), GreetingRef.class))
                .isEqualTo(ref);
    }
}
