package postbox.media;

import java.io.IOException;

/**
 * Where a recorder's audio goes: always 8 kHz mono 16-bit samples (the storage format; a 16 kHz leg's audio is
 * downsampled on the recorder's writer thread before it gets here). Called only on the recorder's writer thread,
 * never on the tick.
 */
public interface PcmOutput {

    /** Appends {@code count} samples from {@code samples[offset...]}. */
    void write(short[] samples, int offset, int count) throws IOException;

    /** Makes what was written so far safe from a crash (the recorder calls it about every half second). */
    void checkpoint() throws IOException;
}
