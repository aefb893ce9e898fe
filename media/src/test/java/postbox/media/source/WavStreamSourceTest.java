package postbox.media.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;

class WavStreamSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void streamsAnEightKilohertzWavBitExactAndClosesItWhenDone() throws IOException {
        short[] samples = WavFiles.ramp(3 * Frames.RATE + 55);
        Tracked stream = new Tracked(new ByteArrayInputStream(WavFiles.pcm16(samples, 8000, 1)));
        WavStreamSource source = new WavStreamSource(stream);
        short[] played = playUntilEnd(source);
        assertThat(Arrays.copyOf(played, samples.length)).containsExactly(samples);
        assertThat(played.length - samples.length).as("padding of the last frame").isBetween(0, 159);
        await().atMost(WAIT).untilTrue(stream.closed);
    }

    @Test
    void startsFromAPointIntoTheAudio() throws IOException {
        short[] samples = WavFiles.ramp(3 * Frames.RATE);
        byte[] wav = WavFiles.pcm16(samples, 8000, 1);

        short[] played = playUntilEnd(new WavStreamSource(new ByteArrayInputStream(wav), 8000,
                Duration.ofMillis(1250)));
        short[] pastTheEnd = playUntilEnd(new WavStreamSource(new ByteArrayInputStream(wav), 8000,
                Duration.ofSeconds(5)));

        short[] rest = Arrays.copyOfRange(samples, 10_000, samples.length);
        assertThat(Arrays.copyOf(played, rest.length)).containsExactly(rest);
        assertThat(pastTheEnd).isEmpty();
        assertThatThrownBy(() -> new WavStreamSource(new ByteArrayInputStream(wav), 8000, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsOtherFormatsConvertedLikeWavReadPcm() throws IOException {
        byte[] wav;
        try (InputStream in = getClass().getResourceAsStream("/wav/pcm16-stereo-16k.wav")) {
            wav = in.readAllBytes();
        }
        short[] expected = Wav.readPcm(new ByteArrayInputStream(wav));
        short[] played = playUntilEnd(new WavStreamSource(new ByteArrayInputStream(wav)));
        assertThat(Arrays.copyOf(played, expected.length)).containsExactly(expected);
    }

    @Test
    void streamsAtSixteenKilohertzLikeWavReadPcmAtThatRate() throws IOException {
        byte[] wav = WavFiles.pcm16(WavFiles.ramp(2 * Frames.RATE), 8000, 1);
        short[] expected = Wav.readPcm(new ByteArrayInputStream(wav), 16000);
        assertThat(expected).hasSize(4 * Frames.RATE);
        WavStreamSource source = new WavStreamSource(new ByteArrayInputStream(wav), 16000);
        assertThat(source.sampleRate()).isEqualTo(16000);
        short[] played = playUntilEnd(source, Frames.WIDEBAND_SAMPLES);
        assertThat(Arrays.copyOf(played, expected.length)).containsExactly(expected);
    }

    /** The first half (94 frames, enough to prime the source) arrives at once, the rest only later. */
    @Test
    void playsSilenceAndCountsAnUnderrunWhenTheReaderIsLate() throws IOException {
        short[] samples = WavFiles.ramp(2 * 94 * Frames.SAMPLES);
        byte[] wav = WavFiles.pcm16(samples, 8000, 1);
        int firstHalf = wav.length - samples.length;
        PipedInputStream in = new PipedInputStream(wav.length);
        WavStreamSource source;
        short[] frame = new short[Frames.SAMPLES];
        try (PipedOutputStream out = new PipedOutputStream(in)) {
            out.write(wav, 0, firstHalf);
            out.flush();
            source = new WavStreamSource(in);
            for (int f = 0; f < samples.length / 2 / Frames.SAMPLES; f++) {
                assertThat(source.read(frame)).isTrue();
                assertThat(frame).as("frame %d", f)
                        .containsExactly(Arrays.copyOfRange(samples, f * Frames.SAMPLES, (f + 1) * Frames.SAMPLES));
            }
            assertThat(source.underruns()).isZero();
            frame[0] = 1;
            assertThat(source.read(frame)).as("still playing").isTrue();
            assertThat(frame).containsOnly((short) 0);
            assertThat(source.underruns()).isEqualTo(1);

            out.write(wav, firstHalf, wav.length - firstHalf);
        }
        short[] heard = playUntilEnd(source);
        assertThat(heard).as("the second half, after the underrun silence")
                .containsExactly(Arrays.copyOfRange(samples, samples.length / 2, samples.length));
    }

    @Test
    void closingStopsTheReaderAndClosesTheStream() throws IOException {
        short[] samples = WavFiles.ramp(60 * Frames.RATE);
        Tracked stream = new Tracked(new ByteArrayInputStream(WavFiles.pcm16(samples, 8000, 1)));
        WavStreamSource source = new WavStreamSource(stream);
        source.read(new short[Frames.SAMPLES]);
        source.close();
        await().atMost(WAIT).untilTrue(stream.closed);
        assertThat(stream.bytesRead).as("read ahead 2 s at most, not the minute").isLessThan(4 * 2 * Frames.RATE);
    }

    @Test
    void refusesWhatIsNotAudioAndClosesIt() {
        Tracked stream = new Tracked(new ByteArrayInputStream("hello, not audio at all".getBytes()));
        assertThatThrownBy(() -> new WavStreamSource(stream)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stream.closed).isTrue();
    }

    /** Reads until the end as fast as it can, leaving out the underrun frames (silence while the reader is late). */
    private static short[] playUntilEnd(WavStreamSource source) {
        return playUntilEnd(source, Frames.SAMPLES);
    }

    private static short[] playUntilEnd(WavStreamSource source, int frameSamples) {
        short[] frame = new short[frameSamples];
        short[] all = new short[0];
        long deadline = System.nanoTime() + WAIT.toNanos();
        long underruns = source.underruns();
        while (source.read(frame)) {
            assertThat(System.nanoTime()).as("source ended in time").isLessThan(deadline);
            if (source.underruns() != underruns) {
                underruns = source.underruns();
                continue;
            }
            all = Arrays.copyOf(all, all.length + frameSamples);
            System.arraycopy(frame, 0, all, all.length - frameSamples, frameSamples);
        }
        return all;
    }

    /** An input stream that records whether it was closed and how much was read. */
    private static final class Tracked extends FilterInputStream {
        final AtomicBoolean closed = new AtomicBoolean();
        volatile long bytesRead;

        Tracked(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            closed.set(true);
            super.close();
        }
    }
}
