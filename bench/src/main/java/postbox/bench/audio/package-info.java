/**
 * The audio the benchmark's callers send and what it finds in the stored messages: G.711 µ-law
 * ({@link postbox.bench.audio.MuLaw}), frames that carry the call's number and a frame counter through µ-law
 * ({@link postbox.bench.audio.FrameMark}), the check of a downloaded recording against what was sent
 * ({@link postbox.bench.audio.RecordingCheck}), and 8 kHz 16-bit WAV files ({@link postbox.bench.audio.Wav}).
 * All pure and thread-safe.
 */
package postbox.bench.audio;
