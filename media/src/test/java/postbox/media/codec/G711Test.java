package postbox.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.jitsi.impl.neomedia.codec.audio.alaw.JavaEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * G.711 against references: the JDK's converters (javax.sound.sampled) for every 16-bit sample and every
 * code, and libjitsi's A-law encoder.
 *
 * <p>The references do not agree with each other on negative samples, so the exact differences are asserted:
 * the JDK µ-law encoder overflows 16 bits beyond the clip level (it turns full-scale samples into near-zero
 * codes), and the JDK A-law encoder rounds negative samples as if they were 8 smaller (so -1..-7 become -248).
 * Ours is sign-magnitude symmetric, like libjitsi's A-law encoder, which it matches for all 65536 samples.
 */
class G711Test {
    private static final AudioFormat PCM = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000,
            false);

    @ParameterizedTest
    @EnumSource(G711.class)
    void decodesEveryCodeLikeTheJdk(G711 codec) throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        AudioFormat coded = new AudioFormat(jdkEncoding(codec), 8000, 8, 1, 1, 8000, false);
        short[] expected = samples(AudioSystem.getAudioInputStream(PCM,
                new AudioInputStream(new ByteArrayInputStream(codes), coded, 256)).readAllBytes());

        short[] decoded = new short[256];
        codec.decode(codes, 0, decoded, 0, 256);

        assertThat(decoded).containsExactly(expected);
        for (int i = 0; i < 256; i++) {
            assertThat(codec.decode((byte) i)).isEqualTo(expected[i]);
        }
    }

    @Test
    void encodesMuLawLikeTheJdkUpToTheClipLevel() throws IOException {
        byte[] jdk = jdkEncodeAll(G711.ULAW);
        byte[] ours = encodeAll(G711.ULAW);
        int differences = 0;
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            int i = sample - Short.MIN_VALUE;
            if (Math.abs(sample) <= 32635) {
                assertThat(ours[i]).as("sample %d", sample).isEqualTo(jdk[i]);
            } else {
                assertThat(G711.ULAW.decode(ours[i])).as("sample %d saturates", sample)
                        .isEqualTo((short) (sample < 0 ? -32124 : 32124));
                differences += ours[i] != jdk[i] ? 1 : 0;
            }
        }
        assertThat(differences).as("JDK 16-bit overflow beyond the clip level").isEqualTo(265);
    }

    @Test
    void encodesALawLikeLibjitsiForEverySample() {
        byte[] ours = encodeAll(G711.ALAW);
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            assertThat(ours[sample - Short.MIN_VALUE]).as("sample %d", sample)
                    .isEqualTo(JavaEncoder.aLawEncode(sample));
        }
    }

    @Test
    void encodesALawLikeTheJdkWhoseNegativeRoundingIsOffByEight() throws IOException {
        byte[] jdk = jdkEncodeAll(G711.ALAW);
        byte[] ours = encodeAll(G711.ALAW);
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            int jdkSample = sample >= 0 ? sample : Math.max(Short.MIN_VALUE, sample - 8);
            assertThat(ours[sample - Short.MIN_VALUE]).as("sample %d", sample)
                    .isEqualTo(jdk[jdkSample - Short.MIN_VALUE]);
        }
        assertThat(G711.ALAW.decode(jdk[-1 - Short.MIN_VALUE])).as("the JDK's A-law for -1").isEqualTo((short) -248);
        assertThat(G711.ALAW.decode(G711.ALAW.encode((short) -1))).isEqualTo((short) -8);
    }

    @ParameterizedTest
    @EnumSource(G711.class)
    void isSignMagnitudeSymmetric(G711 codec) {
        for (int sample = 1; sample <= Short.MAX_VALUE; sample++) {
            assertThat(codec.encode((short) -sample)).as("-%d", sample)
                    .isEqualTo((byte) (codec.encode((short) sample) ^ 0x80));
        }
    }

    @ParameterizedTest
    @EnumSource(G711.class)
    void roundTripsEveryCode(G711 codec) {
        for (int code = 0; code < 256; code++) {
            short value = codec.decode((byte) code);
            assertThat(codec.decode(codec.encode(value))).as("code %d", code).isEqualTo(value);
        }
    }

    @Test
    void encodesAFrameIntoTheCallersBuffer() {
        short[] pcm = {0, 1000, -1000, 32767, -32768};
        byte[] codes = new byte[7];
        G711.ULAW.encode(pcm, 1, codes, 2, 3);
        assertThat(codes).containsExactly(0, 0, G711.ULAW.encode((short) 1000), G711.ULAW.encode((short) -1000),
                G711.ULAW.encode((short) 32767), 0, 0);
    }

    @Test
    void findsCodecsByEncodingName() {
        assertThat(G711.forEncoding("pcmu")).isEqualTo(G711.ULAW);
        assertThat(G711.forEncoding("PCMA")).isEqualTo(G711.ALAW);
        assertThat(G711.ULAW.staticPayloadType()).isZero();
        assertThat(G711.ALAW.staticPayloadType()).isEqualTo(8);
        assertThatThrownBy(() -> G711.forEncoding("G722")).hasMessageContaining("G722");
    }

    private static AudioFormat.Encoding jdkEncoding(G711 codec) {
        return codec == G711.ULAW ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW;
    }

    private static byte[] jdkEncodeAll(G711 codec) throws IOException {
        byte[] pcm = new byte[2 * 65536];
        for (int i = 0; i < 65536; i++) {
            int sample = i + Short.MIN_VALUE;
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        byte[] coded = AudioSystem.getAudioInputStream(jdkEncoding(codec),
                new AudioInputStream(new ByteArrayInputStream(pcm), PCM, 65536)).readAllBytes();
        assertThat(coded).hasSize(65536);
        return coded;
    }

    private static byte[] encodeAll(G711 codec) {
        short[] pcm = new short[65536];
        for (int i = 0; i < 65536; i++) {
            pcm[i] = (short) (i + Short.MIN_VALUE);
        }
        byte[] codes = new byte[65536];
        codec.encode(pcm, 0, codes, 0, 65536);
        return codes;
    }

    private static short[] samples(byte[] littleEndian) {
        short[] samples = new short[littleEndian.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((littleEndian[2 * i] & 0xFF) | (littleEndian[2 * i + 1] << 8));
        }
        return samples;
    }
}
