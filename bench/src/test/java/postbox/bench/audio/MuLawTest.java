package postbox.bench.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MuLawTest {

    @Test
    void standardCodesAndValues() {
        assertThat(MuLaw.encode(0)).isEqualTo((byte) 0xFF);
        assertThat(MuLaw.encode(32767)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode(-32768)).isEqualTo((byte) 0x00);
        assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
    }

    @Test
    void everyCodeDecodesToAValueThatEncodesBackToIt() {
        for (int code = 0; code < 256; code++) {
            short value = MuLaw.decode((byte) code);
            if (code == 0x7F) {
                continue; // negative zero: encodes as positive zero (0xFF)
            }
            assertThat(MuLaw.encode(value) & 0xFF).as("code %02x → %d", code, value).isEqualTo(code);
        }
    }

    @Test
    void roundTripKeepsSignAndIsWithinFourPercentAboveTheSmallestSteps() {
        for (int sample = -32768; sample <= 32767; sample += 7) {
            short back = MuLaw.decode(MuLaw.encode(sample));
            if (Math.abs(sample) > 1000) {
                assertThat(Integer.signum(back)).isEqualTo(Integer.signum(sample));
                assertThat(Math.abs(back - sample)).as("%d → %d", sample, back)
                        .isLessThanOrEqualTo(Math.max(Math.abs(sample) * 4 / 100, 8));
            }
        }
    }
}
