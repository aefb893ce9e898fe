package postbox.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Builds and strictly parses the store's WAVs (8 kHz mono 16-bit PCM, 44-byte header) for tests. Stateless. */
public final class TestWavs {

    /** Samples per second of the store's audio. */
    public static final int RATE = 8000;

    private TestWavs() {
    }

    /** Seeded noise, so every sample matters when comparing. */
    public static short[] noise(int count, long seed) {
        Random random = new Random(seed);
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
        }
        return samples;
    }

    /** A canonical 8 kHz mono 16-bit WAV holding {@code samples}. */
    public static byte[] wav(short[] samples) {
        ByteBuffer out = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples.length * 2);
        for (short sample : samples) {
            out.putShort(sample);
        }
        return out.array();
    }

    /** A 1 s, 440 Hz sine at {@code rate} with {@code channels} (same signal on each), written by Java Sound. */
    public static byte[] sineWav(float rate, int channels) throws IOException {
        int frames = (int) rate;
        ByteBuffer pcm = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short value = (short) (12000 * Math.sin(2 * Math.PI * 440 * i / rate));
            for (int c = 0; c < channels; c++) {
                pcm.putShort(value);
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    /**
     * The samples of a WAV, after checking it is exactly the store's format: RIFF/WAVE, PCM, mono, 8 kHz, 16-bit,
     * a 44-byte header whose RIFF and data sizes match the length.
     */
    public static short[] samples(InputStream wav) throws IOException {
        byte[] bytes;
        try (wav) {
            bytes = wav.readAllBytes();
        }
        return samples(bytes);
    }

    /** {@link #samples(InputStream)} for bytes in memory. */
    public static short[] samples(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        check(bytes.length >= 44, "shorter than a WAV header: " + bytes.length + " bytes");
        check(tag(in, 0).equals("RIFF") && tag(in, 8).equals("WAVE") && tag(in, 12).equals("fmt ")
                && tag(in, 36).equals("data"), "not a canonical RIFF/WAVE header");
        check(in.getInt(4) == bytes.length - 8, "RIFF size " + in.getInt(4) + " for " + bytes.length + " bytes");
        check(in.getInt(16) == 16 && in.getShort(20) == 1 && in.getShort(22) == 1 && in.getInt(24) == RATE
                && in.getInt(28) == RATE * 2 && in.getShort(32) == 2 && in.getShort(34) == 16,
                "not PCM 8 kHz mono 16-bit");
        int dataBytes = in.getInt(40);
        check(dataBytes == bytes.length - 44, "data size " + dataBytes + " for " + (bytes.length - 44) + " bytes");
        short[] samples = new short[dataBytes / 2];
        in.position(44);
        in.asShortBuffer().get(samples);
        return samples;
    }

    private static String tag(ByteBuffer in, int offset) {
        byte[] tag = new byte[4];
        in.get(offset, tag);
        return new String(tag, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError("bad WAV: " + problem);
        }
    }
}
