package postbox.bench.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FrameMarkTest {

    @Test
    void framesSurviveMuLawAndAreReadBackInOrder() {
        short[] pcm = throughMuLaw(frames(4095, 1_048_570, 10)); // counters wrap past 2^20 - 1

        List<FrameMark.Mark> marks = FrameMark.scan(pcm, pcm.length);

        assertThat(marks).hasSize(10);
        assertThat(marks.get(0)).isEqualTo(new FrameMark.Mark(4095, 1_048_570));
        assertThat(marks.get(5)).isEqualTo(new FrameMark.Mark(4095, 1_048_575));
        assertThat(marks.get(6)).isEqualTo(new FrameMark.Mark(4095, 0));
    }

    @Test
    void aRecordingNeedNotStartOnAFrameBoundary() {
        short[] frames = throughMuLaw(frames(7, 100, 5));
        short[] shifted = new short[frames.length + 37];
        System.arraycopy(frames, 0, shifted, 37, frames.length);

        assertThat(FrameMark.scan(shifted, shifted.length)).extracting(FrameMark.Mark::counter)
                .containsExactly(100, 101, 102, 103, 104);
    }

    @Test
    void aConcealedFrameIsNotReadAsTheFrameItRepeats() {
        short[] pcm = throughMuLaw(frames(3, 0, 3));
        // the server conceals a lost frame 2 by repeating frame 1 at -6 dB
        for (int i = 0; i < FrameMark.SAMPLES; i++) {
            pcm[2 * FrameMark.SAMPLES + i] = (short) (pcm[FrameMark.SAMPLES + i] >> 1);
        }

        assertThat(FrameMark.scan(pcm, pcm.length)).extracting(FrameMark.Mark::counter).containsExactly(0, 1);
    }

    @Test
    void aCorruptedBitFailsTheCrcInsteadOfReadingAnotherCounter() {
        short[] pcm = frames(1, 0b1010, 1);
        pcm[8 + 12 + 19] = (short) -pcm[8 + 12 + 19]; // flip the counter's lowest bit

        assertThat(FrameMark.scan(pcm, pcm.length)).isEmpty();
    }

    @Test
    void theToneIsVoicedButNeverReachesTheBitThreshold() {
        short[] frame = new short[FrameMark.SAMPLES];
        FrameMark.write(0, 0, frame);
        double energy = 0;
        for (int i = 48; i < frame.length; i++) {
            assertThat(Math.abs(frame[i])).isLessThan(FrameMark.THRESHOLD);
            energy += frame[i] * (double) frame[i];
        }
        double dbfs = 10 * Math.log10(energy / (frame.length - 48) / (32768.0 * 32768.0));
        assertThat(dbfs).isGreaterThan(-30); // the server's silence threshold is -42 dBFS
    }

    @Test
    void noiseHoldsNoMarks() {
        Random random = new Random(11);
        short[] noise = new short[8000 * 10];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) random.nextInt(-12000, 12000);
        }

        assertThat(FrameMark.scan(noise, noise.length)).isEmpty();
    }

    @Test
    void callNumbersOutsideTwelveBitsAreRefused() {
        assertThatThrownBy(() -> FrameMark.write(FrameMark.CALLS, 0, new short[FrameMark.SAMPLES]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crcOfKnownValue() {
        // CRC-8 with polynomial 0x07 and no initial value: the bytes 00 00 00 01 give the polynomial itself
        assertThat(FrameMark.crc8(1)).isEqualTo(0x07);
        assertThat(FrameMark.crc8(0)).isZero();
    }

    static short[] frames(int call, int firstCounter, int count) {
        short[] pcm = new short[count * FrameMark.SAMPLES];
        short[] frame = new short[FrameMark.SAMPLES];
        for (int i = 0; i < count; i++) {
            FrameMark.write(call, firstCounter + i, frame);
            System.arraycopy(frame, 0, pcm, i * FrameMark.SAMPLES, FrameMark.SAMPLES);
        }
        return pcm;
    }

    static short[] throughMuLaw(short[] pcm) {
        byte[] codes = new byte[pcm.length];
        MuLaw.encode(pcm, pcm.length, codes, 0);
        short[] back = new short[pcm.length];
        MuLaw.decode(codes, 0, codes.length, back);
        return back;
    }

    static List<FrameMark.Mark> marks(int call, int... counters) {
        List<FrameMark.Mark> marks = new ArrayList<>();
        for (int counter : counters) {
            marks.add(new FrameMark.Mark(call, counter));
        }
        return marks;
    }
}
