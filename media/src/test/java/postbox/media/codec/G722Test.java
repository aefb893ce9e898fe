package postbox.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our G.722 against FFmpeg's {@code adpcm_g722} (through JavaCPP), which follows the ITU reference: the encoders
 * must produce the same bitstream from the same audio, and the decoders the same audio from the same bytes
 * (bit-exact both ways, not just close), on a sweep, speech-like noise, full-scale clipping and random codes.
 */
class G722Test {
    private static FfmpegG722 ffmpeg;

    @BeforeAll
    static void openFfmpeg() {
        ffmpeg = new FfmpegG722();
    }

    @AfterAll
    static void closeFfmpeg() {
        ffmpeg.close();
    }

    @Test
    void encodesBitExactLikeFfmpeg() {
        short[] signal = signalWithClipping();
        G722 ours = new G722();
        byte[] expected = new byte[160];
        byte[] actual = new byte[160];
        short[] frame = new short[320];
        for (int at = 0; at + 320 <= signal.length; at += 320) {
            System.arraycopy(signal, at, frame, 0, 320);
            assertThat(ffmpeg.encode(frame, expected)).isEqualTo(160);
            assertThat(ours.encode(frame, actual, 0)).isEqualTo(160);
            assertThat(actual).as("frame at sample %d", at).containsExactly(expected);
        }
    }

    @Test
    void decodesBitExactLikeFfmpegEvenRandomCodes() {
        Random random = new Random(11);
        G722 ours = new G722();
        byte[] payload = new byte[160];
        short[] expected = new short[320];
        short[] actual = new short[320];
        for (int frame = 0; frame < 500; frame++) {
            random.nextBytes(payload);
            assertThat(ffmpeg.decode(payload, 160, expected)).isEqualTo(320);
            assertThat(ours.decode(payload, 0, 160, actual)).isEqualTo(320);
            assertThat(actual).as("frame %d", frame).containsExactly(expected);
        }
    }

    @Test
    void roundTripsTheTestSignalAbove20Decibels() {
        short[] signal = TestSignals.sweepThenSpeechLikeNoise(16000, 3);
        short[] decoded = TestSignals.roundTrip(new G722(), signal);
        assertThat(TestSignals.snrDb(signal, decoded, 64)).isGreaterThan(20);
    }

    @Test
    void decodesPartialPacketsIntoWhatFits() {
        G722 codec = new G722();
        short[] small = new short[100];
        assertThat(codec.decode(new byte[160], 0, 160, small)).isEqualTo(100);
        assertThat(codec.format().timestampStep()).as("RFC 3551: 8000 clock").isEqualTo(160);
        assertThat(codec.format().sampleRate()).isEqualTo(16000);
    }

    private static short[] signalWithClipping() {
        short[] signal = TestSignals.sweepThenSpeechLikeNoise(16000, 4);
        short[] clipped = Arrays.copyOf(signal, signal.length + 16000);
        for (int i = signal.length; i < clipped.length; i++) {
            clipped[i] = (short) (i % 40 < 20 ? Short.MAX_VALUE : Short.MIN_VALUE);
        }
        return clipped;
    }
}
