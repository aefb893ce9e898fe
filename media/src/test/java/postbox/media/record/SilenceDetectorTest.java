package postbox.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SilenceDetectorTest {

    /** A full-scale sine has an RMS of -3 dBFS; the threshold here is -42 dBFS. */
    @ParameterizedTest
    @CsvSource({"32767, -3.01, true", "1000, -33.32, true", "370, -41.95, true", "366, -42.05, false",
            "260, -45.03, false"})
    void comparesTheFrameRmsWithTheThreshold(int amplitude, double rmsDbfs, boolean voiced) {
        short[] frame = sine(amplitude);
        assertThat(measuredDbfs(frame)).as("the test frame's level").isCloseTo(rmsDbfs, within(0.02));
        assertThat(new SilenceDetector(-42).voiced(frame, 0, frame.length)).isEqualTo(voiced);
    }

    @Test
    void treatsDigitalSilenceAsSilence() {
        assertThat(new SilenceDetector(-90).voiced(new short[160], 0, 160)).isFalse();
    }

    @Test
    void looksOnlyAtTheGivenRange() {
        short[] frame = new short[160];
        frame[0] = 30000;
        SilenceDetector detector = new SilenceDetector(-42);
        assertThat(detector.voiced(frame, 0, 160)).isTrue();
        assertThat(detector.voiced(frame, 1, 159)).isFalse();
        assertThat(detector.voiced(frame, 0, 0)).isFalse();
    }

    @Test
    void countsTheThresholdLevelItselfAsVoiced() {
        short[] square = new short[160];
        Arrays.fill(square, (short) 3277);
        assertThat(new SilenceDetector(-20).voiced(square, 0, 160)).as("-19.9995 dBFS").isTrue();
        Arrays.fill(square, (short) 3276);
        assertThat(new SilenceDetector(-20).voiced(square, 0, 160)).as("-20.0021 dBFS").isFalse();
    }

    @Test
    void rejectsAPositiveThreshold() {
        assertThatThrownBy(() -> new SilenceDetector(3)).hasMessageContaining("0 dBFS");
    }

    private static short[] sine(int amplitude) {
        short[] frame = new short[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 400 * i / 8000));
        }
        return frame;
    }

    private static double measuredDbfs(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += s * (double) s;
        }
        return 20 * Math.log10(Math.sqrt(sum / frame.length) / 32768);
    }
}
