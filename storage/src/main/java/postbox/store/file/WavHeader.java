package postbox.store.file;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The canonical 44-byte RIFF/WAVE header of the files this store writes: PCM, 16-bit, mono, 8 kHz, little
 * endian, the data chunk straight after the header. Stateless; thread-safe.
 */
final class WavHeader {

    /** Header length: the audio starts at this offset. */
    static final int BYTES = 44;
    /** Samples per second. */
    static final int SAMPLE_RATE = 8000;
    /** Bytes per sample (16-bit mono). */
    static final int BYTES_PER_SAMPLE = 2;

    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36;

    private WavHeader() {
    }

    /** The header for {@code dataBytes} of audio, ready to write at offset 0. */
    static ByteBuffer of(long dataBytes) {
        if (dataBytes < 0 || dataBytes > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("WAV data size out of range: " + dataBytes);
        }
        ByteBuffer header = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes))
                .put(new byte[] {'W', 'A', 'V', 'E'})
                .put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) 1)                               // PCM
                .putShort((short) 1)                               // mono
                .putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * BYTES_PER_SAMPLE)            // byte rate
                .putShort((short) BYTES_PER_SAMPLE)                // block align
                .putShort((short) 16)                              // bits per sample
                .put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return header.flip();
    }

    /** The whole samples held by a file of {@code fileBytes} written with this header (a torn last byte dropped). */
    static long samplesIn(long fileBytes) {
        return Math.max(0, fileBytes - BYTES) / BYTES_PER_SAMPLE;
    }

    /** The duration of {@code samples}, in milliseconds. */
    static long millis(long samples) {
        return samples * 1000 / SAMPLE_RATE;
    }
}
