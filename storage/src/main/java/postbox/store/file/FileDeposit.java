package postbox.store.file;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.Deposit;
import postbox.store.MessageInfo;

/**
 * A message being recorded into {@code incoming/<id>.wav}, described by {@code incoming/<id>.json} (both
 * written at begin, so a crash at any point leaves something {@link FileMessageStore#open} can recover).
 * Samples are buffered up to one second and then written to the file, so a killed process loses at most the
 * last second; {@link #checkpoint()} writes them at once and forces them to the disk when the last force is 5 s
 * old (the commit forces everything). Not thread-safe: one writer.
 */
final class FileDeposit implements Deposit {

    private static final Logger log = LoggerFactory.getLogger(FileDeposit.class);
    private static final int BUFFER_BYTES = WavHeader.SAMPLE_RATE * WavHeader.BYTES_PER_SAMPLE;
    private static final long FORCE_INTERVAL_NANOS = 5_000_000_000L;

    private enum Phase { RECORDING, FILED, ABORTED }

    private final FileMessageStore store;
    private final MessageInfo pending;
    private final Path wav;
    private final Path sidecar;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long writtenBytes;
    private long lastForceNanos = System.nanoTime();
    private Phase phase = Phase.RECORDING;

    private FileDeposit(FileMessageStore store, MessageInfo pending, Path wav, Path sidecar, FileChannel channel) {
        this.store = store;
        this.pending = pending;
        this.wav = wav;
        this.sidecar = sidecar;
        this.channel = channel;
    }

    /** Creates the incoming WAV (header with zero sizes) and then its sidecar, both durably. */
    static FileDeposit begin(FileMessageStore store, MessageInfo pending, Path wav, Path sidecar)
            throws IOException {
        FileChannel channel = FileChannel.open(wav, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            AtomicFiles.writeFully(channel, WavHeader.of(0), 0);
            channel.force(true);
            JsonCodec.write(sidecar, pending);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(wav);
            throw e;
        }
        return new FileDeposit(store, pending, wav, sidecar, channel);
    }

    @Override
    public String id() {
        return pending.id();
    }

    @Override
    public void write(short[] samples, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, samples.length);
        requireRecording();
        for (int i = offset; i < offset + count; i++) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.putShort(samples[i]);
        }
        if (!buffer.hasRemaining()) {
            flush();
        }
    }

    @Override
    public void checkpoint() throws IOException {
        requireRecording();
        flush();
        long now = System.nanoTime();
        if (now - lastForceNanos >= FORCE_INTERVAL_NANOS) {
            channel.force(false);
            lastForceNanos = now;
        }
    }

    @Override
    public long samples() {
        return (writtenBytes + buffer.position()) / WavHeader.BYTES_PER_SAMPLE;
    }

    @Override
    public InputStream openAudio() throws IOException {
        requireRecording();
        flush();
        long dataBytes = writtenBytes;
        FileChannel reader = FileChannel.open(wav, StandardOpenOption.READ).position(WavHeader.BYTES);
        InputStream data = new LimitedInputStream(Channels.newInputStream(reader), dataBytes);
        return new SequenceInputStream(new ByteArrayInputStream(WavHeader.of(dataBytes).array()), data);
    }

    @Override
    public void restart() throws IOException {
        requireRecording();
        buffer.clear();
        writtenBytes = 0;
        channel.truncate(WavHeader.BYTES);
    }

    @Override
    public MessageInfo commit(long keepSamples) throws IOException {
        if (keepSamples < 0) {
            throw new IllegalArgumentException("keepSamples must not be negative: " + keepSamples);
        }
        requireRecording();
        flush();
        long keptBytes = Math.min(keepSamples, samples()) * WavHeader.BYTES_PER_SAMPLE;
        channel.truncate(WavHeader.BYTES + keptBytes);
        AtomicFiles.writeFully(channel, WavHeader.of(keptBytes), 0);
        channel.force(true);
        channel.close();
        phase = Phase.FILED;
        MessageInfo info = new MessageInfo(pending.id(), pending.mailbox(), pending.from(), pending.receivedAt(),
                WavHeader.millis(keptBytes / WavHeader.BYTES_PER_SAMPLE), pending.state());
        try {
            store.file(info, wav, sidecar);
        } catch (IOException | RuntimeException e) {
            log.error("filing message {} for mailbox {} failed; its files stay in {} for recovery at the next "
                    + "start", info.id(), info.mailbox(), wav.getParent(), e);
            throw e;
        }
        return info;
    }

    @Override
    public void abort() {
        if (phase != Phase.RECORDING) {
            return;
        }
        phase = Phase.ABORTED;
        try {
            channel.close();
            AtomicFiles.delete(sidecar);
            AtomicFiles.delete(wav);
        } catch (IOException e) {
            log.warn("could not delete aborted deposit {} for mailbox {} (the next start drops it)", pending.id(),
                    pending.mailbox(), e);
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void flush() throws IOException {
        buffer.flip();
        int bytes = buffer.remaining();
        AtomicFiles.writeFully(channel, buffer, WavHeader.BYTES + writtenBytes);
        writtenBytes += bytes;
        buffer.clear();
    }

    private void requireRecording() {
        if (phase != Phase.RECORDING) {
            throw new IllegalStateException("deposit " + pending.id() + " is " + phase.name().toLowerCase(Locale.ROOT));
        }
    }

    /** Reads at most a given number of bytes from a stream, then reports its end (and closes it on close). */
    private static final class LimitedInputStream extends FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return len == 0 ? 0 : -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
