package postbox.media.dtmf;

import postbox.media.Frames;

/**
 * The DTMF tone pairs (ITU-T Q.23): a low-group (row) and a high-group (column) frequency per key, and 100 ms of
 * each pair at 8 and 16 kHz computed once (both tones at about -12 dBFS, 2 ms fades), for sending keys in band.
 * Immutable, thread-safe.
 */
public final class DtmfTones {
    /** Low-group frequencies, Hz. */
    public static final int[] ROWS = {697, 770, 852, 941};
    /** High-group frequencies, Hz. */
    public static final int[] COLUMNS = {1209, 1336, 1477, 1633};
    /** The RFC 4733 event codes 0-15 in keypad order: row by row, column by column. */
    private static final String KEYPAD = "123A456B789C*0#D";
    private static final String EVENT_KEYS = "0123456789*#ABCD";
    /** Milliseconds of tone per key. */
    public static final int TONE_MILLIS = 100;
    /** Peak amplitude of each of the two tones. */
    public static final int AMPLITUDE = 8000;
    private static final short[][] NARROW = tones(Frames.RATE);
    private static final short[][] WIDE = tones(Frames.WIDEBAND_RATE);

    private DtmfTones() {
    }

    /** The row (0-3) of RFC 4733 event code {@code event} (0-15). */
    public static int row(int event) {
        return KEYPAD.indexOf(EVENT_KEYS.charAt(event)) / 4;
    }

    /** The column (0-3) of RFC 4733 event code {@code event} (0-15). */
    public static int column(int event) {
        return KEYPAD.indexOf(EVENT_KEYS.charAt(event)) % 4;
    }

    /** The event code (0-15) of the key at {@code row}, {@code column}. */
    public static int event(int row, int column) {
        return EVENT_KEYS.indexOf(KEYPAD.charAt(row * 4 + column));
    }

    /**
     * Copies frame {@code index} (0-4) of the 100 ms tone of {@code event} at the frame's rate into {@code frame}
     * (160 or 320 samples). Allocation-free.
     */
    public static void frame(int event, int index, short[] frame) {
        short[] tone = (frame.length == Frames.SAMPLES ? NARROW : WIDE)[event];
        System.arraycopy(tone, index * frame.length, frame, 0, frame.length);
    }

    /** {@code millis} of the tone pair of {@code event} at {@code sampleRate}, with 2 ms fades (for tests). */
    public static short[] tone(int event, int millis, int sampleRate) {
        int length = millis * sampleRate / 1000;
        int fade = sampleRate / 500;
        double low = 2 * Math.PI * ROWS[row(event)] / sampleRate;
        double high = 2 * Math.PI * COLUMNS[column(event)] / sampleRate;
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            double gain = Math.min(1.0, Math.min(i, length - 1 - i) / (double) fade);
            samples[i] = (short) Math.round(AMPLITUDE * gain * (Math.sin(low * i) + Math.sin(high * i)));
        }
        return samples;
    }

    private static short[][] tones(int sampleRate) {
        short[][] tones = new short[16][];
        for (int event = 0; event < 16; event++) {
            tones[event] = tone(event, TONE_MILLIS, sampleRate);
        }
        return tones;
    }
}
