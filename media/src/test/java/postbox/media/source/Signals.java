package postbox.media.source;

import java.util.Arrays;

import postbox.media.Frames;
import postbox.media.MediaSource;
import postbox.media.testing.Spectrum;

/** Test signals: playing a source out and measuring the amplitude of one frequency (a single-bin DFT). */
final class Signals {
    private Signals() {
    }

    /** Everything {@code source} plays at 8 kHz, frame by frame, until it ends. */
    static short[] play(MediaSource source) {
        return play(source, Frames.SAMPLES);
    }

    /** Everything {@code source} plays in frames of {@code frameSamples}, until it ends. */
    static short[] play(MediaSource source, int frameSamples) {
        short[] frame = new short[frameSamples];
        short[] all = new short[0];
        while (source.read(frame)) {
            all = Arrays.copyOf(all, all.length + frame.length);
            System.arraycopy(frame, 0, all, all.length - frame.length, frame.length);
        }
        return all;
    }

    /** The amplitude of {@code hz} in {@code samples[from, to)} at 8 kHz. */
    static double amplitude(short[] samples, int from, int to, double hz) {
        return amplitude(samples, from, to, hz, 8000);
    }

    /** The amplitude of {@code hz} in {@code samples[from, to)} at {@code sampleRate}. */
    static double amplitude(short[] samples, int from, int to, double hz, int sampleRate) {
        return Spectrum.amplitude(samples, from, to, hz, sampleRate);
    }
}
