package postbox.media.codec;

import java.util.Arrays;

/**
 * ITU-T G.722 at 64 kbit/s: 16 kHz audio split by a 24-tap QMF into two sub-bands, each coded by adaptive
 * differential PCM (6 bits low band, 2 bits high band), one byte per two samples: a 20 ms frame of 320 samples is
 * 160 bytes. RTP clock rate 8000 (RFC 3551's historical error), so the timestamp advances 160 per frame.
 *
 * <p>Written from the recommendation's block diagrams with its integer arithmetic (the reference decoder's
 * QMF scaling, the 64 kbit/s mode only), so that its bitstream matches FFmpeg's {@code adpcm_g722} exactly both
 * ways, which {@code G722Test} checks. About 20-25 µs per 20 ms frame encode + decode here, the same as FFmpeg's
 * through JavaCPP (which also allocates ~400 bytes of pointer wrappers per frame and needs 27 MB of natives;
 * {@code CodecCostTest} prints both), so this one is used. Pure Java, allocation-free after construction; one
 * instance per leg (encoder and decoder state), tick thread only.
 */
public final class G722 implements Codec {
    /** What it speaks. */
    public static final CodecFormat FORMAT = new CodecFormat("G722", 8000, 16000);
    private static final int FRAME_SAMPLES = 320;
    private static final int HISTORY = 22;
    private static final int HISTORY_BUFFER = 512;

    private static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};
    private static final int[] INVERSE_LOG2 = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};
    private static final int[] HIGH_LOG_STEP = {798, -214};
    private static final int[] HIGH_INVERSE = {-926, -202, 926, 202};
    private static final int[] LOW_LOG_STEP = {
        -60, 3042, 1198, 538, 334, 172, 58, -30, 3042, 1198, 538, 334, 172, 58, -30, -60};
    private static final int[] LOW_INVERSE4 = {
        0, -2557, -1612, -1121, -786, -530, -323, -150, 2557, 1612, 1121, 786, 530, 323, 150, 0};
    private static final int[] LOW_INVERSE6 = {
        -17, -17, -17, -17, -3101, -2738, -2376, -2088, -1873, -1689, -1535, -1399, -1279, -1170, -1072, -982,
        -899, -822, -750, -682, -618, -558, -501, -447, -396, -347, -300, -254, -211, -170, -130, -91,
        3101, 2738, 2376, 2088, 1873, 1689, 1535, 1399, 1279, 1170, 1072, 982, 899, 822, 750, 682,
        618, 558, 501, 447, 396, 347, 300, 254, 211, 170, 130, 91, 54, 17, -54, -17};
    private static final int[] LOW_DECISION = {
        35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714, 786,
        858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919};

    /** The decision levels padded to 32 with a level no magnitude reaches (no overflow: ≤ 2^15 × 8016). */
    private static final int[] DECISION_PADDED = Arrays.copyOf(LOW_DECISION, 32);

    static {
        Arrays.fill(DECISION_PADDED, LOW_DECISION.length, 32, 1 << 15);
    }

    private final Band encodeLow = new Band(8);
    private final Band encodeHigh = new Band(2);
    private final Band decodeLow = new Band(8);
    private final Band decodeHigh = new Band(2);
    private final QmfHistory encodeHistory = new QmfHistory();
    private final QmfHistory decodeHistory = new QmfHistory();

    @Override
    public CodecFormat format() {
        return FORMAT;
    }

    @Override
    public int encode(short[] frame, byte[] payload, int offset) {
        for (int i = 0; i < FRAME_SAMPLES; i += 2) {
            payload[offset + (i >> 1)] = (byte) encodePair(frame[i], frame[i + 1]);
        }
        return FRAME_SAMPLES / 2;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        int bytes = Math.min(length, pcm.length / 2);
        for (int i = 0; i < bytes; i++) {
            decodeByte(payload[offset + i] & 0xFF, pcm, 2 * i);
        }
        return 2 * bytes;
    }

    private int encodePair(short first, short second) {
        QmfHistory history = encodeHistory;
        history.push(first, second);
        int sumOdd = history.filter();
        int sumEven = history.evenSum;
        int xLow = (sumOdd + sumEven) >> 14;
        int xHigh = (sumOdd - sumEven) >> 14;

        int highDiff = clip16(xHigh - encodeHigh.predicted);
        int highThreshold = 141 * encodeHigh.scale >> 8;
        int iHigh = ((highDiff ^ (highDiff >> 31)) < highThreshold ? 1 : 0) + (highDiff >= 0 ? 2 : 0);

        int lowDiff = clip16(xLow - encodeLow.predicted);
        int magnitude = ((lowDiff ^ (lowDiff >> 31)) + 1) << 10;
        int level = decisionLevel(magnitude, encodeLow.scale);
        int iLow = (lowDiff < 0 ? (level < 2 ? 63 : 33) : 61) - level;

        encodeHigh.adaptHigh(encodeHigh.scale * HIGH_INVERSE[iHigh] >> 10, iHigh);
        encodeLow.adaptLow(iLow >> 2);
        return iHigh << 6 | iLow;
    }

    /**
     * How many of the 29 decision levels {@code magnitude} exceeds (they rise with the index): a binary search
     * over the levels padded to 32, written so that the JIT can avoid branches.
     */
    private static int decisionLevel(int magnitude, int scale) {
        int base = 0;
        for (int step = 16; step > 0; step >>= 1) {
            base += magnitude > DECISION_PADDED[base + step - 1] * scale ? step : 0;
        }
        return base;
    }

    private void decodeByte(int code, short[] pcm, int at) {
        int iLow = code & 0x3F;
        int iHigh = code >> 6;
        int rLow = clip((decodeLow.scale * LOW_INVERSE6[iLow] >> 10) + decodeLow.predicted, -16384, 16383);
        decodeLow.adaptLow(iLow >> 2);
        int dHigh = decodeHigh.scale * HIGH_INVERSE[iHigh] >> 10;
        int rHigh = clip(dHigh + decodeHigh.predicted, -16384, 16383);
        decodeHigh.adaptHigh(dHigh, iHigh);
        QmfHistory history = decodeHistory;
        history.push(rLow + rHigh, rLow - rHigh);
        pcm[at] = (short) clip16(history.filter() >> 11);
        pcm[at + 1] = (short) clip16(history.evenSum >> 11);
    }

    private static int clip(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static int clip16(int value) {
        return clip(value, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    private static int linearScale(int logFactor) {
        int mantissa = INVERSE_LOG2[(logFactor >> 6) & 31];
        int shift = logFactor >> 11;
        return shift < 0 ? mantissa >> -shift : mantissa << shift;
    }

    /** The QMF's last 24 samples, in a longer buffer that is compacted now and then (no copy per sample). */
    private static final class QmfHistory {
        private final int[] samples = new int[HISTORY_BUFFER];
        private int end = HISTORY;

        void push(int first, int second) {
            if (end + 2 > samples.length) {
                System.arraycopy(samples, end - HISTORY, samples, 0, HISTORY);
                end = HISTORY;
            }
            samples[end++] = (short) first;
            samples[end++] = (short) second;
        }

        /** The sum over the even positions of the window against the coefficients (set by {@link #filter}). */
        int evenSum;

        /**
         * Runs the filter over the 24-sample window: returns the sum over its odd positions against the reversed
         * coefficients and leaves the even one in {@link #evenSum}.
         */
        int filter() {
            int base = end - 24;
            int odd = 0;
            int even = 0;
            for (int i = 0; i < 12; i++) {
                even += samples[base + 2 * i] * QMF[i];
                odd += samples[base + 2 * i + 1] * QMF[11 - i];
            }
            evenSum = even;
            return odd;
        }
    }

    /** One sub-band's ADPCM state: the pole-zero predictor and the quantizer's scale adaptation. */
    private static final class Band {
        /** The sixth-order zero section: coefficients z0..z5 and the last six differences d0..d5 (unrolled). */
        private int z0;
        private int z1;
        private int z2;
        private int z3;
        private int z4;
        private int z5;
        private int d0;
        private int d1;
        private int d2;
        private int d3;
        private int d4;
        private int d5;
        private int predicted;
        private int zeroPart;
        private boolean signBefore;
        private boolean signBeforeThat;
        private int lastReconstructed;
        private int pole1;
        private int pole2;
        private int logFactor;
        private int scale;

        Band(int initialScale) {
            this.scale = initialScale;
        }

        void adaptLow(int iLow4) {
            predict(scale * LOW_INVERSE4[iLow4] >> 10);
            logFactor = clip((logFactor * 127 >> 7) + LOW_LOG_STEP[iLow4], 0, 18432);
            scale = linearScale(logFactor - (8 << 11));
        }

        void adaptHigh(int difference, int iHigh) {
            predict(difference);
            logFactor = clip((logFactor * 127 >> 7) + HIGH_LOG_STEP[iHigh & 1], 0, 22528);
            scale = linearScale(logFactor - (10 << 11));
        }

        /** One zero coefficient's update: leak, plus or minus 128 by the sign agreement (when there is a difference). */
        private static int zeroStep(int zero, int previousDifference, int difference, int nonZero) {
            return ((zero * 255) >> 8) + nonZero * (128 - (((previousDifference ^ difference) >>> 31) << 8));
        }

        /** Updates the predictor with the dequantized difference of the current sample. */
        private void predict(int difference) {
            boolean sign = zeroPart + difference < 0;
            int sg1 = sign != signBefore ? 1 : -1;
            int sg2 = sign == signBeforeThat ? 1 : -1;
            signBeforeThat = signBefore;
            signBefore = sign;
            pole2 = clip((sg1 * clip(pole1, -8191, 8191) >> 5) + (sg2 << 7) + (pole2 * 127 >> 7), -12288, 12288);
            int limit = 15360 - pole2;
            pole1 = clip(-192 * sg1 + (pole1 * 255 >> 8), -limit, limit);
            int nonZero = (difference | -difference) >>> 31;
            z5 = zeroStep(z5, d5, difference, nonZero);
            z4 = zeroStep(z4, d4, difference, nonZero);
            z3 = zeroStep(z3, d3, difference, nonZero);
            z2 = zeroStep(z2, d2, difference, nonZero);
            z1 = zeroStep(z1, d1, difference, nonZero);
            z0 = zeroStep(z0, d0, difference, nonZero);
            d5 = d4;
            d4 = d3;
            d3 = d2;
            d2 = d1;
            d1 = d0;
            d0 = clip16(difference << 1);
            int sum = ((z5 * d5) >> 15) + ((z4 * d4) >> 15) + ((z3 * d3) >> 15) + ((z2 * d2) >> 15)
                    + ((z1 * d1) >> 15) + ((z0 * d0) >> 15);
            zeroPart = sum;
            int reconstructed = clip16((predicted + difference) << 1);
            predicted = clip16(zeroPart + (pole1 * reconstructed >> 15) + (pole2 * lastReconstructed >> 15));
            lastReconstructed = reconstructed;
        }
    }
}
