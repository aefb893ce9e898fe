package postbox.media.codec;

/**
 * Opus (RFC 7587) through the libopus bundled with libjitsi (JNI, {@code libjnopus} for linux-x86-64): RTP clock
 * 48000 (timestamp +960 per 20 ms), coded and decoded at 16 kHz mono, 20 ms frames, 24 kbit/s VBR, in-band FEC
 * and DTX off. The JNI calls take byte arrays of native-order (little-endian) PCM, converted through arrays this
 * instance owns: no Java allocation per frame. {@link #close()} frees the native encoder and decoder. One instance
 * per leg, tick thread only.
 */
public final class Opus implements Codec {
    /** RTP clock 48000, run at 16 kHz. */
    public static final CodecFormat FORMAT = new CodecFormat("opus", 48000, 16000);
    private static final int BITRATE = 24_000;
    private static final int MAX_DECODED = 120 * 16;

    private final byte[] pcmBytes = new byte[2 * MAX_DECODED];
    private long encoder;
    private long decoder;

    /**
     * A codec with a fresh native encoder and decoder.
     *
     * @throws UnsatisfiedLinkError when the JNI library does not load on this platform
     */
    public Opus() {
        encoder = org.jitsi.impl.neomedia.codec.audio.opus.Opus.encoder_create(FORMAT.sampleRate(), 1);
        decoder = org.jitsi.impl.neomedia.codec.audio.opus.Opus.decoder_create(FORMAT.sampleRate(), 1);
        if (encoder == 0 || decoder == 0) {
            close();
            throw new IllegalStateException("libopus could not create an encoder and a decoder");
        }
        org.jitsi.impl.neomedia.codec.audio.opus.Opus.encoder_set_bitrate(encoder, BITRATE);
        org.jitsi.impl.neomedia.codec.audio.opus.Opus.encoder_set_inband_fec(encoder, 0);
        org.jitsi.impl.neomedia.codec.audio.opus.Opus.encoder_set_dtx(encoder, 0);
        org.jitsi.impl.neomedia.codec.audio.opus.Opus.encoder_set_force_channels(encoder, 1);
    }

    @Override
    public CodecFormat format() {
        return FORMAT;
    }

    @Override
    public int encode(short[] frame, byte[] payload, int offset) {
        int samples = FORMAT.frameSamples();
        for (int i = 0; i < samples; i++) {
            pcmBytes[2 * i] = (byte) frame[i];
            pcmBytes[2 * i + 1] = (byte) (frame[i] >> 8);
        }
        int length = org.jitsi.impl.neomedia.codec.audio.opus.Opus.encode(encoder, pcmBytes, 0, samples, payload,
                offset, MAX_PAYLOAD);
        if (length < 0) {
            throw new IllegalStateException("libopus failed to encode a frame: error " + length);
        }
        return length;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        int capacity = Math.min(pcm.length, MAX_DECODED);
        int samples = org.jitsi.impl.neomedia.codec.audio.opus.Opus.decode(decoder, payload, offset, length,
                pcmBytes, 0, capacity, 0);
        if (samples < 0) {
            return -1;
        }
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) ((pcmBytes[2 * i] & 0xFF) | (pcmBytes[2 * i + 1] << 8));
        }
        return samples;
    }

    @Override
    public void close() {
        if (encoder != 0) {
            org.jitsi.impl.neomedia.codec.audio.opus.Opus.encoder_destroy(encoder);
            encoder = 0;
        }
        if (decoder != 0) {
            org.jitsi.impl.neomedia.codec.audio.opus.Opus.decoder_destroy(decoder);
            decoder = 0;
        }
    }
}
