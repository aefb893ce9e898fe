package postbox.bench.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static postbox.bench.audio.FrameMarkTest.marks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecordingCheckTest {

    @Test
    void aCompleteRecordingLosesNothing() {
        RecordingCheck check = RecordingCheck.of(marks(5, 70, 71, 72, 73), 5, 73);

        assertThat(check).isEqualTo(new RecordingCheck(4, 4, 0, 0, 0, 0, 0));
    }

    @Test
    void framesMissingInTheMiddleAndAtTheEndAreLost() {
        // sent up to 80; the recording has 70..73, 75, 78
        RecordingCheck check = RecordingCheck.of(marks(5, 70, 71, 72, 73, 75, 78), 5, 80);

        assertThat(check.expected()).isEqualTo(11);
        assertThat(check.found()).isEqualTo(6);
        assertThat(check.lost()).isEqualTo(5);
        assertThat(check.lostAtEnd()).isEqualTo(2);
    }

    @Test
    void duplicatesReorderingAndForeignFramesAreCountedApart() {
        List<FrameMark.Mark> marks = new ArrayList<>(marks(2, 10, 12, 11, 12, 13));
        marks.addAll(marks(9, 500, 501));

        RecordingCheck check = RecordingCheck.of(marks, 2, 13);

        assertThat(check).isEqualTo(new RecordingCheck(4, 4, 0, 0, 1, 1, 2));
    }

    @Test
    void aRecordingOfAnotherCallFindsNothingOfThisOne() {
        RecordingCheck check = RecordingCheck.of(marks(4, 1, 2, 3), 5, 3);

        assertThat(check).isEqualTo(new RecordingCheck(0, 0, 0, 0, 0, 0, 3));
    }

    @Test
    void theCallIsTheOneMostFramesCarry() {
        List<FrameMark.Mark> marks = new ArrayList<>(marks(3, 1));
        marks.addAll(marks(8, 1, 2, 3));

        assertThat(RecordingCheck.callOf(marks)).isEqualTo(8);
        assertThat(RecordingCheck.callOf(List.of())).isEqualTo(-1);
    }

    @Test
    void checksAddUp() {
        RecordingCheck sum = new RecordingCheck(10, 9, 1, 1, 0, 2, 0).plus(new RecordingCheck(5, 5, 0, 0, 3, 0, 1));

        assertThat(sum).isEqualTo(new RecordingCheck(15, 14, 1, 1, 3, 2, 1));
    }

    @Test
    void aDecodedRecordingWithAGapIsCheckedExactly() {
        short[] sent = FrameMarkTest.frames(12, 0, 50);
        short[] recorded = new short[43 * FrameMark.SAMPLES];
        // the recording starts at frame 5 and misses frames 20 and 21
        System.arraycopy(sent, 5 * FrameMark.SAMPLES, recorded, 0, 15 * FrameMark.SAMPLES);
        System.arraycopy(sent, 22 * FrameMark.SAMPLES, recorded, 15 * FrameMark.SAMPLES, 28 * FrameMark.SAMPLES);
        short[] pcm = FrameMarkTest.throughMuLaw(recorded);

        RecordingCheck check = RecordingCheck.of(FrameMark.scan(pcm, pcm.length), 12, 49);

        assertThat(check).isEqualTo(new RecordingCheck(45, 43, 2, 0, 0, 0, 0));
    }
}
