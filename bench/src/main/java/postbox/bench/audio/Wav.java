package postbox.bench.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Mono 16-bit PCM WAV files, as the server stores messages (8 kHz) and takes greetings: {@link #samples} reads the
 * {@code data} chunk of one, {@link #of} writes one. Stateless, thread-safe.
 */
public final class Wav {
    private static final int HEADER = 44;

    private Wav() {
    }

    /**
     * The samples of a mono 16-bit PCM WAV file.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static short[] samples(byte[] wav) {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !tag(in, 0).equals("RIFF") || !tag(in, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        boolean pcm16Mono = false;
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = tag(in, at);
            long size = in.getInt(at + 4) & 0xFFFF_FFFFL;
            int body = at + 8;
            if (id.equals("fmt ")) {
                pcm16Mono = size >= 16 && in.getShort(body) == 1 && in.getShort(body + 2) == 1
                        && in.getShort(body + 14) == 16;
            } else if (id.equals("data")) {
                if (!pcm16Mono) {
                    throw new IllegalArgumentException("not mono 16-bit PCM (or no fmt chunk before the data)");
                }
                int bytes = (int) Math.min(size, wav.length - body);
                short[] samples = new short[bytes / 2];
                in.position(body);
                in.asShortBuffer().get(samples);
                return samples;
            }
            at = body + (int) size + (int) (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    /** A mono 16-bit PCM WAV file of {@code samples} at {@code rate} Hz. */
    public static byte[] of(short[] samples, int rate) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(HEADER - 8 + samples.length * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        for (short sample : samples) {
            out.putShort(sample);
        }
        return out.array();
    }

    /** {@code seconds} of a sine tone at {@code hertz}, {@code level} peak, sampled at {@code rate} Hz. */
    public static short[] tone(double seconds, int hertz, int level, int rate) {
        short[] samples = new short[(int) Math.round(seconds * rate)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(level * Math.sin(2 * Math.PI * hertz * i / rate));
        }
        return samples;
    }

    private static String tag(ByteBuffer in, int at) {
        byte[] four = new byte[4];
        in.get(at, four);
        return new String(four, StandardCharsets.US_ASCII);
    }
}
