package postbox.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;
import postbox.media.MediaSource;

class SequenceSourceTest {
    private final List<String> closed = new ArrayList<>();

    @Test
    void playsThePiecesBackToBackClosingEachWhenItEnds() {
        SequenceSource sequence = new SequenceSource(List.of(piece("a", 2, 1), piece("b", 1, 2), piece("c", 2, 3)));
        short[] frame = new short[Frames.SAMPLES];
        List<Short> firstSamples = new ArrayList<>();
        while (sequence.read(frame)) {
            firstSamples.add(frame[0]);
        }
        assertThat(firstSamples).containsExactly((short) 1, (short) 1, (short) 2, (short) 3, (short) 3);
        assertThat(closed).containsExactly("a", "b", "c");
        sequence.close();
        assertThat(closed).as("nothing is closed twice").containsExactly("a", "b", "c");
    }

    @Test
    void closingStopsTheCurrentPieceAndReleasesTheRest() {
        SequenceSource sequence = new SequenceSource(List.of(piece("a", 1, 1), piece("b", 5, 2), piece("c", 1, 3)));
        short[] frame = new short[Frames.SAMPLES];
        sequence.read(frame);
        sequence.read(frame);
        sequence.close();
        assertThat(closed).containsExactly("a", "b", "c");
    }

    @Test
    void sumsTheUnderrunsOfItsPieces() {
        SequenceSource sequence = new SequenceSource(List.of(piece("a", 2, 1), piece("b", 2, 2)));
        short[] frame = new short[Frames.SAMPLES];
        for (int i = 0; i < 3; i++) {
            sequence.read(frame);
        }
        assertThat(sequence.underruns()).as("a: 2, b so far: 1").isEqualTo(3);
    }

    @Test
    void anEmptySequenceEndsAtOnce() {
        assertThat(new SequenceSource(List.of()).read(new short[Frames.SAMPLES])).isFalse();
    }

    /** A piece of {@code frames} frames of {@code value} that reports one underrun per frame read. */
    private MediaSource piece(String name, int frames, int value) {
        return new MediaSource() {
            private int left = frames;
            private long reads;

            @Override
            public boolean read(short[] frame) {
                if (left == 0) {
                    return false;
                }
                left--;
                reads++;
                Arrays.fill(frame, (short) value);
                return true;
            }

            @Override
            public long underruns() {
                return reads;
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
    }

    @Test
    void takesTheRateOfItsPiecesAndRefusesToMixRates() {
        short[] wide = new short[Frames.WIDEBAND_SAMPLES];
        assertThat(new SequenceSource(List.of(new SilenceSource(Duration.ofMillis(20)),
                new PcmClip(wide, 16000))).sampleRate()).isEqualTo(16000);
        assertThat(new SequenceSource(List.of(new SilenceSource(Duration.ofMillis(20)))).sampleRate())
                .isZero();
        assertThatThrownBy(() -> new SequenceSource(List.of(new PcmClip(wide, 16000),
                new PcmClip(new short[Frames.SAMPLES])))).hasMessageContaining("one rate");
    }
}
