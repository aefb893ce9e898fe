/**
 * Playback sources for the IVR: {@link postbox.media.source.PcmClip} (a prompt in memory),
 * {@link postbox.media.source.ToneSource}, {@link postbox.media.source.SilenceSource},
 * {@link postbox.media.source.SequenceSource} (several pieces as one playback) and
 * {@link postbox.media.source.WavStreamSource} (a WAV read ahead by a virtual thread into a lock-free ring),
 * plus {@link postbox.media.source.Wav#readPcm} to load any WAV as 8 kHz mono 16-bit. Sources get their data
 * at construction; the tick only copies.
 */
package postbox.media.source;
