/**
 * The media clocks. A {@link postbox.media.clock.Shard} holds the legs of one clock and walks them once per
 * tick; a {@link postbox.media.clock.PacedClock} drives it in real time on absolute deadlines from its own
 * platform thread, a {@link postbox.media.clock.ManualClock} drives the same walk synchronously in tests. Legs
 * are {@link postbox.media.clock.Tickable}s.
 */
package postbox.media.clock;
