package postbox.bench.audio;

/**
 * G.711 µ-law (RTP payload type 0, {@code PCMU}): one code byte per 8 kHz sample. The classic bias-and-segment
 * encoder (bias 0x84, clipped at ±32635) and the standard reconstruction values. Stateless, thread-safe,
 * allocation-free.
 */
public final class MuLaw {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODE = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            int u = ~code & 0xFF;
            int t = ((u & 0x0F) << 3) + BIAS;
            t <<= (u & 0x70) >> 4;
            DECODE[code] = (short) ((u & 0x80) != 0 ? BIAS - t : t - BIAS);
        }
    }

    private MuLaw() {
    }

    /** The code byte of one linear sample. */
    public static byte encode(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** The linear sample of one code byte. */
    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /** Encodes {@code pcm[0, count)} into {@code out[offset, offset + count)}. */
    public static void encode(short[] pcm, int count, byte[] out, int offset) {
        for (int i = 0; i < count; i++) {
            out[offset + i] = encode(pcm[i]);
        }
    }

    /** Decodes {@code codes[offset, offset + count)} into {@code pcm[0, count)}. */
    public static void decode(byte[] codes, int offset, int count, short[] pcm) {
        for (int i = 0; i < count; i++) {
            pcm[i] = decode(codes[offset + i]);
        }
    }
}
