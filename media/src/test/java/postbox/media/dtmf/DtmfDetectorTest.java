package postbox.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import postbox.media.rtp.DtmfReceiver;
import postbox.media.source.Wav;

/**
 * In-band detection, frame by frame as the tick feeds it: every key at both rates, twist limits, minimum duration,
 * one report per press, and no false positives on noise or on the IVR's own prompts.
 */
class DtmfDetectorTest {
    private static final String KEYS = "0123456789*#ABCD";
    private static final Path PROMPTS = Path.of("..", "ivr", "src", "main", "resources", "postbox", "prompts", "en");

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void hearsEveryKeyOnceAtEitherRate(int rate) {
        StringBuilder audio = new StringBuilder();
        List<short[]> parts = new ArrayList<>();
        for (char key : KEYS.toCharArray()) {
            parts.add(DtmfTones.tone(DtmfReceiver.eventCode(key), 100, rate));
            parts.add(new short[rate / 10]);
            audio.append(key);
        }
        assertThat(detect(join(parts), rate)).isEqualTo(audio.toString());
    }

    @Test
    void acceptsTwistUpToEightDecibelsNormalAndFourReverse() {
        assertThat(detect(twisted(7.5), 8000)).as("high group 7.5 dB above").isEqualTo("5");
        assertThat(detect(twisted(9), 8000)).as("high group 9 dB above").isEmpty();
        assertThat(detect(twisted(-3.5), 8000)).as("high group 3.5 dB below").isEqualTo("5");
        assertThat(detect(twisted(-5), 8000)).as("high group 5 dB below").isEmpty();
    }

    @Test
    void rejectsTonesShorterThanFortyMillisecondsAtAnyAlignment() {
        for (int offset = 0; offset < 160; offset += 20) {
            short[] shortTone = join(List.of(new short[400 + offset], DtmfTones.tone(DtmfReceiver.eventCode('7'), 25,
                    8000), new short[800]));
            assertThat(detect(shortTone, 8000)).as("25 ms at offset %d", offset).isEmpty();
            short[] longEnough = join(List.of(new short[400 + offset], DtmfTones.tone(DtmfReceiver.eventCode('7'), 50,
                    8000), new short[800]));
            assertThat(detect(longEnough, 8000)).as("50 ms at offset %d", offset).isEqualTo("7");
        }
    }

    @Test
    void reportsAHeldKeyOnceAndARepeatedKeyTwice() {
        int seven = DtmfReceiver.eventCode('7');
        assertThat(detect(DtmfTones.tone(seven, 1500, 8000), 8000)).isEqualTo("7");
        short[] twice = join(List.of(DtmfTones.tone(seven, 80, 8000), new short[480], DtmfTones.tone(seven, 80, 8000),
                new short[480]));
        assertThat(detect(twice, 8000)).as("60 ms apart").isEqualTo("77");
    }

    @Test
    void hearsTonesUnderNoiseButNotNoiseAlone() {
        Random random = new Random(3);
        short[] tone = DtmfTones.tone(DtmfReceiver.eventCode('9'), 100, 8000);
        short[] noisy = new short[tone.length];
        short[] noise = new short[16000];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = (short) (tone[i] + random.nextGaussian() * 800);
        }
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 6000);
        }
        assertThat(detect(noisy, 8000)).isEqualTo("9");
        assertThat(detect(noise, 8000)).isEmpty();
    }

    @Test
    void staysQuietThroughThePromptsOfTheIvr() throws IOException {
        List<Path> prompts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(PROMPTS, "*.wav")) {
            files.forEach(prompts::add);
        }
        assertThat(prompts).as("prompts in " + PROMPTS.toAbsolutePath()).hasSizeGreaterThan(5);
        long seconds = 0;
        for (Path prompt : prompts) {
            for (int rate : new int[] {8000, 16000}) {
                short[] speech;
                try (InputStream in = Files.newInputStream(prompt)) {
                    speech = Wav.readPcm(in, rate);
                }
                assertThat(detect(speech, rate)).as("%s at %d Hz", prompt.getFileName(), rate).isEmpty();
                seconds += speech.length / rate;
            }
        }
        assertThat(seconds).as("seconds of speech checked").isGreaterThan(10);
    }

    @Test
    void reArmingForgetsAToneInProgress() {
        DtmfDetector detector = new DtmfDetector();
        short[] tone = DtmfTones.tone(DtmfReceiver.eventCode('3'), 200, 8000);
        short[] frame = new short[160];
        System.arraycopy(tone, 0, frame, 0, 160);
        detector.detect(frame);
        System.arraycopy(tone, 160, frame, 0, 160);
        detector.detect(frame);
        detector.configure(16000);
        short[] wide = DtmfTones.tone(DtmfReceiver.eventCode('3'), 20, 16000);
        assertThat(detector.detect(wide)).as("20 ms after re-arming is not enough").isEqualTo(-1);
    }

    /** Key 5 (770 + 1336 Hz) for 100 ms with the high tone {@code decibels} above the low one. */
    private static short[] twisted(double decibels) {
        double low = 6000;
        double high = low * Math.pow(10, decibels / 20);
        short[] samples = new short[1600];
        for (int i = 0; i < 800; i++) {
            samples[i] = (short) Math.round(low * Math.sin(2 * Math.PI * 770 * i / 8000.0)
                    + high * Math.sin(2 * Math.PI * 1336 * i / 8000.0));
        }
        return samples;
    }

    /** The keys the detector reports over {@code audio}, fed in 20 ms frames. */
    private static String detect(short[] audio, int rate) {
        DtmfDetector detector = new DtmfDetector();
        detector.configure(rate);
        int frameSamples = rate / 50;
        short[] frame = new short[frameSamples];
        StringBuilder keys = new StringBuilder();
        for (int at = 0; at + frameSamples <= audio.length; at += frameSamples) {
            System.arraycopy(audio, at, frame, 0, frameSamples);
            int key = detector.detect(frame);
            if (key >= 0) {
                keys.append(DtmfReceiver.key(key));
            }
        }
        return keys.toString();
    }

    private static short[] join(List<short[]> parts) {
        short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return Arrays.copyOf(all, all.length);
    }
}
