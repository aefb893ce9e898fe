package postbox.bench.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * The 20 ms frame a benchmark caller sends, made so that the stored recording tells exactly which frames
 * reached it: 48 marker samples at ±{@value #MARK_LEVEL} (8 of sync pattern, 12 bits of call number, 20 bits of
 * frame counter, an 8-bit CRC of those 32 bits; the sign carries each bit, which G.711 keeps), then 112 samples
 * of a 1 kHz tone at {@value #TONE_LEVEL} so the silence detector hears voice. A frame the server conceals by
 * repeating the previous one attenuated (−6 dB or more) falls below the {@value #THRESHOLD} detection threshold
 * and so counts as lost, not as a duplicate. Stateless, thread-safe.
 */
public final class FrameMark {
    /** Samples per frame (20 ms at 8 kHz). */
    public static final int SAMPLES = 160;
    /** The largest call number a frame can carry, plus one. */
    public static final int CALLS = 1 << 12;
    /** Counters wrap at this (about 5.8 hours of frames). */
    public static final int COUNTERS = 1 << 20;
    static final int MARK_LEVEL = 8000;
    static final int TONE_LEVEL = 3000;
    static final int THRESHOLD = 5000;
    private static final boolean[] SYNC = {true, true, true, false, false, true, false, true};
    private static final int CALL_BITS = 12;
    private static final int COUNTER_BITS = 20;
    private static final int CRC_BITS = 8;
    private static final int MARK_SAMPLES = SYNC.length + CALL_BITS + COUNTER_BITS + CRC_BITS;
    private static final short[] TONE = new short[SAMPLES - MARK_SAMPLES];

    static {
        for (int i = 0; i < TONE.length; i++) {
            TONE[i] = (short) Math.round(TONE_LEVEL * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
    }

    /** What one recognised frame carries. */
    public record Mark(int call, int counter) {
    }

    private FrameMark() {
    }

    /** Fills {@code frame[0, 160)} with the frame of {@code call}'s {@code counter}-th packet (counter mod 2^20). */
    public static void write(int call, int counter, short[] frame) {
        if (call < 0 || call >= CALLS) {
            throw new IllegalArgumentException("call number " + call + " outside 0.." + (CALLS - 1));
        }
        int payload = (call << COUNTER_BITS) | (counter & (COUNTERS - 1));
        int at = 0;
        for (boolean bit : SYNC) {
            frame[at++] = level(bit);
        }
        at = bits(payload, CALL_BITS + COUNTER_BITS, frame, at);
        at = bits(crc8(payload), CRC_BITS, frame, at);
        System.arraycopy(TONE, 0, frame, at, TONE.length);
    }

    /**
     * Every frame mark in {@code pcm[0, length)}, in order. A mark may start at any sample (the recording need not
     * be aligned on frames); after a mark the scan jumps a frame ahead.
     */
    public static List<Mark> scan(short[] pcm, int length) {
        List<Mark> marks = new ArrayList<>(length / SAMPLES + 1);
        int at = 0;
        while (at + MARK_SAMPLES <= length) {
            long payload = read(pcm, at);
            if (payload >= 0) {
                marks.add(new Mark((int) (payload >>> COUNTER_BITS), (int) payload & (COUNTERS - 1)));
                at += SAMPLES;
            } else {
                at++;
            }
        }
        return marks;
    }

    /** The 32-bit payload of a mark at {@code pcm[at]} (unsigned), or -1 when none is there. */
    private static long read(short[] pcm, int at) {
        for (int i = 0; i < SYNC.length; i++) {
            if (bit(pcm[at + i]) != (SYNC[i] ? 1 : 0)) {
                return -1;
            }
        }
        long payload = 0;
        for (int i = 0; i < CALL_BITS + COUNTER_BITS + CRC_BITS; i++) {
            int bit = bit(pcm[at + SYNC.length + i]);
            if (bit < 0) {
                return -1;
            }
            payload = (payload << 1) | bit;
        }
        int data = (int) (payload >>> CRC_BITS);
        return crc8(data) == (int) (payload & 0xFF) ? data & 0xFFFF_FFFFL : -1;
    }

    /** 1 for a loud positive sample, 0 for a loud negative one, -1 when it is not loud enough to be a bit. */
    private static int bit(short sample) {
        if (sample >= THRESHOLD) {
            return 1;
        }
        return sample <= -THRESHOLD ? 0 : -1;
    }

    private static short level(boolean bit) {
        return (short) (bit ? MARK_LEVEL : -MARK_LEVEL);
    }

    private static int bits(int value, int count, short[] frame, int at) {
        for (int i = count - 1; i >= 0; i--) {
            frame[at++] = level(((value >>> i) & 1) != 0);
        }
        return at;
    }

    /** CRC-8 (polynomial 0x07) over the 4 bytes of {@code value}, most significant first. */
    static int crc8(int value) {
        int crc = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            crc ^= (value >>> shift) & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }
}
