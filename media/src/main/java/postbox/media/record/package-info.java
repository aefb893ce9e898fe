/**
 * Recording behind a lock-free ring: {@link postbox.media.record.Recording} (stop conditions on the tick, file
 * output on a virtual writer thread) and {@link postbox.media.record.SilenceDetector} (frame RMS against a
 * dBFS threshold).
 */
package postbox.media.record;
