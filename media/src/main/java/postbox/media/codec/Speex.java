package postbox.media.codec;

import java.io.StreamCorruptedException;

import org.xiph.speex.SpeexDecoder;
import org.xiph.speex.SpeexEncoder;

/**
 * Speex (RFC 5574) through JSpeex ({@code org.xiph.speex}, the maintained javasound-speex fork): narrow band at
 * 8 kHz (mode 0, clock rate 8000) or wide band at 16 kHz (mode 1, clock rate 16000), one 20 ms frame per packet,
 * quality 8 (NB 15 kbit/s, 38 bytes; WB 27.8 kbit/s, 70 bytes), constant bit rate, no DTX. Decoding reads the first
 * frame of a packet (peers send one per 20 ms packet). JSpeex converts to and from float arrays it owns, so it
 * does not allocate per frame. One instance per leg, tick thread only.
 */
public final class Speex implements Codec {
    /** Narrow band, 8 kHz. */
    public static final CodecFormat NARROW_BAND = new CodecFormat("speex", 8000, 8000);
    /** Wide band, 16 kHz. */
    public static final CodecFormat WIDE_BAND = new CodecFormat("speex", 16000, 16000);
    private static final int QUALITY = 8;

    private final CodecFormat format;
    private final SpeexEncoder encoder = new SpeexEncoder();
    private final SpeexDecoder decoder = new SpeexDecoder();

    /** A narrow-band ({@code wideBand} false) or wide-band codec. */
    public Speex(boolean wideBand) {
        this.format = wideBand ? WIDE_BAND : NARROW_BAND;
        int mode = wideBand ? 1 : 0;
        if (!encoder.init(mode, QUALITY, format.sampleRate(), 1)
                || !decoder.init(mode, format.sampleRate(), 1, true)) {
            throw new IllegalStateException("JSpeex refused mode " + mode);
        }
    }

    @Override
    public CodecFormat format() {
        return format;
    }

    @Override
    public int encode(short[] frame, byte[] payload, int offset) {
        encoder.processData(frame, 0, format.frameSamples());
        return encoder.getProcessedData(payload, offset);
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        if (pcm.length < format.frameSamples()) {
            return 0;
        }
        try {
            decoder.processData(payload, offset, length);
        } catch (StreamCorruptedException | RuntimeException corrupt) {
            return -1;
        }
        return decoder.getProcessedData(pcm, 0);
    }
}
