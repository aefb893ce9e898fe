/**
 * The receive-side jitter buffer ({@link postbox.media.jitter.JitterBuffer}): reorders by RTP timestamp, plays
 * out one frame per tick after a fixed delay (60 ms), drops late packets and conceals missing frames. Its
 * behaviour is specified by the arrival patterns in {@code src/test/resources/jitter}.
 */
package postbox.media.jitter;
