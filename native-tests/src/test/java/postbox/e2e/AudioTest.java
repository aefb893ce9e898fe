package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The audio comparisons the native tests judge the server by. */
class AudioTest {

    /** Ten seconds of noise bursts: 400 ms "words" with 100 ms pauses. */
    private static short[] speechLike() {
        Random random = new Random(7);
        short[] audio = new short[10 * 8000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = i % 4000 < 3200 ? (short) (random.nextGaussian() * 4000) : 0;
        }
        return audio;
    }

    /** {@code audio} with {@code count} samples of {@code fill} put in at {@code at} (negative count: removed). */
    private static short[] edit(short[] audio, int at, int count) {
        short[] out = new short[audio.length + count];
        System.arraycopy(audio, 0, out, 0, at);
        if (count >= 0) {
            System.arraycopy(audio, at, out, at + count, audio.length - at);
        } else {
            System.arraycopy(audio, at - count, out, at, audio.length - at + count);
        }
        return out;
    }

    @Test
    void theSameAudioMatchesWhole() {
        short[] speech = speechLike();
        short[] stored = edit(speech, 0, 8000); // one second of silence first

        assertThat(Audio.matchedShare(speech, stored, 8000)).isEqualTo(1.0);
    }

    @Test
    void aFrameStalledAndLaterDroppedStillMatches() {
        short[] speech = speechLike();
        short[] stalled = edit(speech, 3 * 8000 + 1000, 160);   // a concealed frame in a word at 3.1 s
        short[] stored = edit(stalled, 6 * 8000 + 3400 + 160, -160); // a silent frame dropped at 6.4 s

        assertThat(Audio.find(speech, stored).score()).isLessThan(0.9);
        assertThat(Audio.matchedShare(speech, stored, 0)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void halfASecondLostDoesNot() {
        short[] speech = speechLike();
        short[] stored = edit(speech, 4 * 8000, -4000);

        assertThat(Audio.matchedShare(speech, stored, 0)).isLessThan(0.95);
        assertThat(Audio.matchedShare(speech, new short[speech.length], 0)).isZero();
        assertThat(Arrays.equals(speech, stored)).isFalse();
    }
}
