package postbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GreetingStore} must do. A store passes by extending this class and supplying
 * {@link #newStore()}.
 */
public abstract class GreetingStoreContract {

    protected GreetingStore greetings;

    /** A new, empty store; called before each test. */
    protected abstract GreetingStore newStore() throws IOException;

    @BeforeEach
    void createStore() throws IOException {
        greetings = newStore();
    }

    private short[] read(String mailbox, GreetingKind kind) throws IOException {
        InputStream in = greetings.open(mailbox, kind).orElseThrow();
        return TestWavs.samples(in);
    }

    @Test
    void putThenOpenRoundTripsBitExact() throws IOException {
        short[] samples = TestWavs.noise(6_000, 1);

        greetings.put("201", GreetingKind.BUSY, new ByteArrayInputStream(TestWavs.wav(samples)));

        assertThat(read("201", GreetingKind.BUSY)).isEqualTo(samples);
        assertThat(greetings.open("201", GreetingKind.NOANSWER)).isEmpty();
        assertThat(greetings.open("202", GreetingKind.BUSY)).isEmpty();
    }

    @Test
    void putReplacesTheGreeting() throws IOException {
        short[] second = TestWavs.noise(3_000, 3);
        greetings.put("201", GreetingKind.DEFAULT, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(5_000, 2))));

        greetings.put("201", GreetingKind.DEFAULT, new ByteArrayInputStream(TestWavs.wav(second)));

        assertThat(read("201", GreetingKind.DEFAULT)).isEqualTo(second);
    }

    @Test
    void deleteRemovesTheGreeting() throws IOException {
        short[] name = TestWavs.noise(2_000, 4);
        greetings.put("201", GreetingKind.NAME, new ByteArrayInputStream(TestWavs.wav(name)));
        greetings.put("201", GreetingKind.TEMPORARY, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(99, 5))));

        assertThat(greetings.delete("201", GreetingKind.TEMPORARY)).isTrue();
        assertThat(greetings.delete("201", GreetingKind.TEMPORARY)).isFalse();
        assertThat(greetings.open("201", GreetingKind.TEMPORARY)).isEmpty();
        assertThat(read("201", GreetingKind.NAME)).isEqualTo(name);
    }

    @Test
    void aWidebandStereoWavIsConvertedToNarrowbandMono() throws IOException {
        greetings.put("201", GreetingKind.DEFAULT, new ByteArrayInputStream(TestWavs.sineWav(16_000, 2)));

        short[] samples = read("201", GreetingKind.DEFAULT);

        assertThat(samples.length).isBetween(7_990, 8_010);
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        assertThat(crossings).as("zero crossings of a 1 s 440 Hz tone").isBetween(870, 890);
        int peak = 0;
        for (short sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        assertThat(peak).isBetween(10_000, 14_000);
    }

    @Test
    void aMuLawWavIsDecoded() throws IOException {
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        byte[] silence = new byte[4_000];
        java.util.Arrays.fill(silence, (byte) 0xFF);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(silence), ulaw, silence.length),
                AudioFileFormat.Type.WAVE, wav);

        greetings.put("201", GreetingKind.BUSY, new ByteArrayInputStream(wav.toByteArray()));

        short[] samples = read("201", GreetingKind.BUSY);
        assertThat(samples).hasSize(4_000);
        for (short sample : samples) {
            assertThat(Math.abs(sample)).isLessThan(16);
        }
    }

    @Test
    void aNonWavBodyIsRejectedAndTheOldGreetingKept() throws IOException {
        short[] kept = TestWavs.noise(1_000, 6);
        greetings.put("201", GreetingKind.BUSY, new ByteArrayInputStream(TestWavs.wav(kept)));

        assertThatThrownBy(() -> greetings.put("201", GreetingKind.BUSY,
                new ByteArrayInputStream("ID3 this is an mp3, honest".getBytes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a WAV file");
        assertThatThrownBy(() -> greetings.put("201", GreetingKind.BUSY, new ByteArrayInputStream(aiff())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a WAV file");
        assertThatThrownBy(() -> greetings.put("201", GreetingKind.BUSY, new ByteArrayInputStream("text".getBytes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a WAV file");
        byte[] cut = java.util.Arrays.copyOf(TestWavs.wav(kept), 20); // a WAV header cut short
        assertThatThrownBy(() -> greetings.put("201", GreetingKind.BUSY, new ByteArrayInputStream(cut)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a WAV file");

        assertThat(read("201", GreetingKind.BUSY)).isEqualTo(kept);
    }

    @Test
    void kindsListsWhatIsRecorded() throws IOException {
        assertThat(greetings.kinds("201")).isEmpty();
        greetings.put("201", GreetingKind.NAME, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(100, 7))));
        greetings.put("201", GreetingKind.TEMPORARY, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(100, 8))));
        greetings.put("202", GreetingKind.BUSY, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(100, 9))));

        assertThat(greetings.kinds("201")).containsExactly(GreetingKind.TEMPORARY, GreetingKind.NAME);
        greetings.delete("201", GreetingKind.TEMPORARY);
        assertThat(greetings.kinds("201")).containsExactly(GreetingKind.NAME);
        assertThatThrownBy(() -> greetings.kinds("../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenersHearPutsAndDeletesThatChangedSomething() throws IOException {
        List<String> heard = new CopyOnWriteArrayList<>();
        greetings.addListener((mailbox, kind) -> heard.add(mailbox + " " + kind + " " + exists(mailbox, kind)));

        greetings.put("201", GreetingKind.BUSY, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(100, 10))));
        greetings.put("201", GreetingKind.BUSY, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(100, 11))));
        greetings.delete("201", GreetingKind.BUSY);
        greetings.delete("201", GreetingKind.BUSY);
        assertThatThrownBy(() -> greetings.put("201", GreetingKind.NAME, new ByteArrayInputStream(new byte[10])))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(heard).containsExactly("201 BUSY true", "201 BUSY true", "201 BUSY false");
    }

    private boolean exists(String mailbox, GreetingKind kind) {
        try {
            return greetings.open(mailbox, kind).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mailboxIdsMustBeDigits() {
        assertThatThrownBy(() -> greetings.put("../../etc", GreetingKind.BUSY,
                new ByteArrayInputStream(TestWavs.wav(new short[8]))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digits");
        assertThatThrownBy(() -> greetings.open("20 1", GreetingKind.BUSY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> greetings.delete("x", GreetingKind.BUSY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] aiff() throws IOException {
        AudioFormat format = new AudioFormat(8000, 16, 1, true, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(new byte[1_600]), format, 800),
                AudioFileFormat.Type.AIFF, out);
        return out.toByteArray();
    }
}
