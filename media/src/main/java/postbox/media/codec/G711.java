package postbox.media.codec;

import java.util.Locale;

/**
 * The G.711 codecs, µ-law ({@code PCMU}) and A-law ({@code PCMA}): one code byte per 8 kHz sample,
 * table-driven (64 KiB encode and 256-entry decode tables built once), allocation-free. Thread-safe.
 *
 * <p>Encoding is sign-magnitude symmetric ({@code encode(-x) == encode(x) ^ 0x80}); µ-law saturates at
 * ±32635 before biasing. Decoding gives the standard G.711 reconstruction values. See {@code G711Test} for how
 * this compares with the JDK's and libjitsi's converters. As a {@link Codec} both are stateless and shared by
 * every leg.
 */
public enum G711 implements Codec {
    /** µ-law, static RTP payload type 0. */
    ULAW("PCMU", 0),
    /** A-law, static RTP payload type 8. */
    ALAW("PCMA", 8);

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;

    private final String encodingName;
    private final int staticPayloadType;
    private final CodecFormat format;
    private final byte[] encodeTable = new byte[65536];
    private final short[] decodeTable = new short[256];

    G711(String encodingName, int staticPayloadType) {
        this.encodingName = encodingName;
        this.staticPayloadType = staticPayloadType;
        this.format = new CodecFormat(encodingName, 8000, 8000);
        boolean mu = staticPayloadType == 0;
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            encodeTable[sample & 0xFFFF] = (byte) (mu ? muLaw(sample) : aLaw(sample));
        }
        for (int code = 0; code < 256; code++) {
            decodeTable[code] = (short) (mu ? muLawValue(code) : aLawValue(code));
        }
    }

    /** The SDP encoding name: {@code PCMU} or {@code PCMA}. */
    public String encodingName() {
        return encodingName;
    }

    @Override
    public CodecFormat format() {
        return format;
    }

    /** Encodes the 160 samples of a 20 ms frame: 160 bytes. */
    @Override
    public int encode(short[] frame, byte[] payload, int offset) {
        encode(frame, 0, payload, offset, 160);
        return 160;
    }

    /** Decodes any number of code bytes, one sample each, as many as {@code pcm} holds. */
    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        int samples = Math.min(length, pcm.length);
        decode(payload, offset, pcm, 0, samples);
        return samples;
    }

    /** The static RTP payload type (0 or 8). */
    public int staticPayloadType() {
        return staticPayloadType;
    }

    /**
     * The codec for an SDP encoding name (case-insensitive).
     *
     * @throws IllegalArgumentException for anything but PCMU and PCMA
     */
    public static G711 forEncoding(String encodingName) {
        return switch (encodingName.toUpperCase(Locale.ROOT)) {
            case "PCMU" -> ULAW;
            case "PCMA" -> ALAW;
            default -> throw new IllegalArgumentException(
                    "Unsupported codec '" + encodingName + "': only PCMU and PCMA are supported.");
        };
    }

    /** Encodes one 16-bit sample. */
    public byte encode(short sample) {
        return encodeTable[sample & 0xFFFF];
    }

    /** Decodes one code byte. */
    public short decode(byte code) {
        return decodeTable[code & 0xFF];
    }

    /** Encodes {@code samples} samples from {@code pcm[pcmOffset...]} into {@code codes[codeOffset...]}. */
    public void encode(short[] pcm, int pcmOffset, byte[] codes, int codeOffset, int samples) {
        for (int i = 0; i < samples; i++) {
            codes[codeOffset + i] = encodeTable[pcm[pcmOffset + i] & 0xFFFF];
        }
    }

    /** Decodes {@code samples} codes from {@code codes[codeOffset...]} into {@code pcm[pcmOffset...]}. */
    public void decode(byte[] codes, int codeOffset, short[] pcm, int pcmOffset, int samples) {
        for (int i = 0; i < samples; i++) {
            pcm[pcmOffset + i] = decodeTable[codes[codeOffset + i] & 0xFF];
        }
    }

    /** The segment (0..7, 8 when out of range) of a magnitude with segment ends 0xFF, 0x1FF ... 0x7FFF. */
    private static int segment(int magnitude) {
        return magnitude <= 0xFF ? 0 : 24 - Integer.numberOfLeadingZeros(magnitude);
    }

    private static int muLaw(int sample) {
        int mask = 0xFF;
        int magnitude = sample;
        if (sample < 0) {
            magnitude = -sample;
            mask = 0x7F;
        }
        magnitude = Math.min(magnitude, ULAW_CLIP) + ULAW_BIAS;
        int segment = segment(magnitude);
        return ((segment << 4) | ((magnitude >> (segment + 3)) & 0xF)) ^ mask;
    }

    private static int aLaw(int sample) {
        int mask = 0xD5;
        int magnitude = sample;
        if (sample < 0) {
            magnitude = -sample;
            mask = 0x55;
        }
        int segment = segment(magnitude);
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        int quantized = segment < 2 ? magnitude >> 4 : magnitude >> (segment + 3);
        return ((segment << 4) | (quantized & 0xF)) ^ mask;
    }

    private static int muLawValue(int code) {
        int u = ~code & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + ULAW_BIAS) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? ULAW_BIAS - magnitude : magnitude - ULAW_BIAS;
    }

    private static int aLawValue(int code) {
        int a = code ^ 0x55;
        int segment = (a & 0x70) >> 4;
        int magnitude = (a & 0x0F) << 4;
        magnitude = switch (segment) {
            case 0 -> magnitude + 8;
            case 1 -> magnitude + 0x108;
            default -> (magnitude + 0x108) << (segment - 1);
        };
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
