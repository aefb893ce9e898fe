package postbox.media.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A packet in a caller's fixed array, as libjitsi's SRTP contexts want to see it ({@link ByteArrayBuffer}): they
 * append the authentication tag on protect and cut it off on unprotect, in place. The array has room for the
 * largest tag; nothing is allocated. One thread (the tick's, or the test peer's).
 */
public final class PacketBuffer implements ByteArrayBuffer {
    private final byte[] bytes;
    private int offset;
    private int length;

    /** A view of {@code bytes}, empty until {@link #set}. */
    public PacketBuffer(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Makes the packet {@code bytes[offset, offset + length)}. */
    public PacketBuffer set(int offset, int length) {
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public byte[] getBuffer() {
        return bytes;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(bytes, offset + off, out, 0, len);
    }

    /** Checks that {@code howMuch} more bytes fit (the array never moves). */
    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > bytes.length) {
            throw new IllegalStateException("no room for " + howMuch + " more bytes in a " + bytes.length
                    + "-byte packet buffer");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, bytes, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
