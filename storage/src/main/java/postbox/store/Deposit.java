package postbox.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * A message being recorded. The audio is durable as it is written: if the process dies, the store recovers
 * the deposit on its next start (keeping it when it holds at least one second). Not thread-safe: one writer.
 */
public interface Deposit extends AutoCloseable {

    /** The id the message will have. */
    String id();

    /** Appends 8 kHz mono 16-bit samples. */
    void write(short[] samples, int offset, int count) throws IOException;

    /**
     * Makes what was written so far survive a crash of this process at once, and a crash of the machine within
     * a few seconds (the file store forces it to the disk at most every {@code 5 s}: an fsync per recording and
     * second cost more CPU than the media of the call).
     */
    void checkpoint() throws IOException;

    /** Samples written so far. */
    long samples();

    /** The audio written so far, as a WAV stream (for "listen to your message" before sending). */
    InputStream openAudio() throws IOException;

    /** Discards the samples written so far, to record again under the same id. */
    void restart() throws IOException;

    /**
     * Files the message as NEW, keeping its first {@code keepSamples} samples (trailing silence trimmed by the
     * caller).
     */
    MessageInfo commit(long keepSamples) throws IOException;

    /** Throws the deposit away. */
    void abort();

    /** Aborts unless committed. */
    @Override
    void close();
}
