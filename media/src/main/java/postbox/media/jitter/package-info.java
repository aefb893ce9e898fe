/**
 * The receive-side adaptive jitter buffer ({@link postbox.media.jitter.JitterBuffer}): reorders by RTP timestamp,
 * plays out one frame per tick after a delay that adapts to the observed delays and RFC 3550 jitter (20..200 ms,
 * growing at once, shrinking slowly during silence), drops late packets and conceals missing frames. Its
 * behaviour is specified by the arrival patterns in {@code src/test/resources/jitter}.
 */
package postbox.media.jitter;
