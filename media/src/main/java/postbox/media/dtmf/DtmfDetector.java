package postbox.media.dtmf;

import java.util.Arrays;

import postbox.media.Frames;

/**
 * In-band DTMF detection for peers that offer no telephone-event: Goertzel filters at the 8 DTMF frequencies
 * over 20 ms windows every 10 ms (each frame, and the half-frame overlap with the previous one). A window holds a
 * key when
 * <ul>
 *   <li>its strongest row and column tones are each above -40 dBFS (amplitude 330),</li>
 *   <li>the twist is within limits: the high-group tone at most 8 dB above the low-group one ("normal" twist) and
 *       at most 4 dB below it ("reverse" twist),</li>
 *   <li>the two tones carry at least 70 % of the window's energy, and the runners-up of each group are 6 dB
 *       weaker.</li>
 * </ul>
 * A key is reported once, after 3 consecutive windows (at least ~40 ms of tone), and again only after 2 windows
 * without it. Works at 8 and 16 kHz. Tick thread only; allocation-free.
 */
public final class DtmfDetector {
    private static final double MIN_TONE_AMPLITUDE = 330;
    private static final double NORMAL_TWIST = Math.pow(10, 8 / 10.0);
    private static final double REVERSE_TWIST = Math.pow(10, 4 / 10.0);
    private static final double MIN_TONE_SHARE = 0.7;
    private static final double RUNNER_UP = Math.pow(10, -6 / 10.0);
    private static final int WINDOWS_TO_REPORT = 3;
    private static final int WINDOWS_TO_RELEASE = 2;

    private final double[] rowCoefficients = new double[4];
    private final double[] columnCoefficients = new double[4];
    private final double[] rowEnergy = new double[4];
    private final double[] columnEnergy = new double[4];
    private final short[] overlap = new short[Frames.WIDEBAND_SAMPLES];
    private int frameSamples;
    private double minToneEnergy;
    private int candidate = -1;
    private int candidateWindows;
    private int reported = -1;
    private int quietWindows;

    /** A detector for 8 kHz frames. */
    public DtmfDetector() {
        configure(Frames.RATE);
    }

    /** Re-arms the detector for frames at {@code sampleRate} (8000 or 16000), forgetting any tone in progress. */
    public void configure(int sampleRate) {
        frameSamples = Frames.samples(Frames.checkRate(sampleRate));
        for (int i = 0; i < 4; i++) {
            rowCoefficients[i] = 2 * Math.cos(2 * Math.PI * DtmfTones.ROWS[i] / sampleRate);
            columnCoefficients[i] = 2 * Math.cos(2 * Math.PI * DtmfTones.COLUMNS[i] / sampleRate);
        }
        minToneEnergy = MIN_TONE_AMPLITUDE * MIN_TONE_AMPLITUDE * frameSamples / 2;
        Arrays.fill(overlap, (short) 0);
        candidate = -1;
        candidateWindows = 0;
        reported = -1;
        quietWindows = WINDOWS_TO_RELEASE;
    }

    /**
     * Looks at the next 20 ms frame ({@code frame.length} samples at the configured rate).
     *
     * @return the RFC 4733 event code (0-15) of a key press recognized now, or -1
     */
    public int detect(short[] frame) {
        int half = frameSamples / 2;
        int first = observe(window(overlap, 0, half, frame, 0, half));
        int second = observe(window(frame, 0, frameSamples, null, 0, 0));
        System.arraycopy(frame, half, overlap, 0, half);
        return first >= 0 ? first : second;
    }

    /** Feeds one window's verdict to the duration logic; returns a key to report now, or -1. */
    private int observe(int key) {
        if (key == candidate) {
            candidateWindows++;
        } else {
            candidate = key;
            candidateWindows = 1;
        }
        quietWindows = key == reported ? 0 : quietWindows + 1;
        if (quietWindows >= WINDOWS_TO_RELEASE) {
            reported = -1;
        }
        if (key >= 0 && key != reported && candidateWindows >= WINDOWS_TO_REPORT) {
            reported = key;
            quietWindows = 0;
            return key;
        }
        return -1;
    }

    /** The key in a 20 ms window made of {@code a[aFrom, aFrom + aCount)} then {@code b[...]}, or -1. */
    private int window(short[] a, int aFrom, int aCount, short[] b, int bFrom, int bCount) {
        double total = 0;
        for (int i = 0; i < 4; i++) {
            rowEnergy[i] = 0;
            columnEnergy[i] = 0;
        }
        for (int f = 0; f < 8; f++) {
            double coefficient = f < 4 ? rowCoefficients[f] : columnCoefficients[f - 4];
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < aCount; i++) {
                double s = a[aFrom + i] + coefficient * s1 - s2;
                s2 = s1;
                s1 = s;
            }
            for (int i = 0; i < bCount; i++) {
                double s = b[bFrom + i] + coefficient * s1 - s2;
                s2 = s1;
                s1 = s;
            }
            double energy = 2 * (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / frameSamples;
            if (f < 4) {
                rowEnergy[f] = energy;
            } else {
                columnEnergy[f - 4] = energy;
            }
        }
        for (int i = 0; i < aCount; i++) {
            total += a[aFrom + i] * a[aFrom + i];
        }
        for (int i = 0; i < bCount; i++) {
            total += b[bFrom + i] * b[bFrom + i];
        }
        int row = strongest(rowEnergy);
        int column = strongest(columnEnergy);
        double low = rowEnergy[row];
        double high = columnEnergy[column];
        if (low < minToneEnergy || high < minToneEnergy || high > low * NORMAL_TWIST || low > high * REVERSE_TWIST
                || low + high < MIN_TONE_SHARE * total || !standsOut(rowEnergy, row) || !standsOut(columnEnergy, column)) {
            return -1;
        }
        return DtmfTones.event(row, column);
    }

    private static int strongest(double[] energies) {
        int best = 0;
        for (int i = 1; i < energies.length; i++) {
            if (energies[i] > energies[best]) {
                best = i;
            }
        }
        return best;
    }

    private static boolean standsOut(double[] energies, int best) {
        for (int i = 0; i < energies.length; i++) {
            if (i != best && energies[i] > energies[best] * RUNNER_UP) {
                return false;
            }
        }
        return true;
    }
}
