package postbox.media.codec;

/**
 * One leg's codec at the RTP edge: 20 ms frames of 16-bit PCM at {@link CodecFormat#sampleRate()} to payload
 * bytes and back, into caller-supplied buffers. Instances of stateful codecs (G.722, Speex, Opus) belong to one
 * leg and its tick thread: not thread-safe. Allocation-free per frame where the library allows (see each
 * implementation). Obtained from {@link Codecs#create}; {@link #close()} releases native state.
 */
public interface Codec extends AutoCloseable {

    /** What this codec speaks. */
    CodecFormat format();

    /**
     * Encodes one frame.
     *
     * @param frame   {@link CodecFormat#frameSamples()} samples
     * @param payload where the payload goes, from {@code offset}; at least {@link #MAX_PAYLOAD} bytes free
     * @return the payload length in bytes
     */
    int encode(short[] frame, byte[] payload, int offset);

    /**
     * Decodes one packet's payload (a 20 ms frame, or any whole number of codec units for G.711 and G.722).
     *
     * @param pcm where the samples go, from index 0; decoding stops when it is full
     * @return the number of samples decoded, or -1 when the payload is corrupt
     */
    int decode(byte[] payload, int offset, int length, short[] pcm);

    /** Releases native state, if any. Idempotent. */
    @Override
    default void close() {
    }

    /** The largest payload {@link #encode} writes. */
    int MAX_PAYLOAD = 1276;
}
