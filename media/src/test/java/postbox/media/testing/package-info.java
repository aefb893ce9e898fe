/**
 * Test peers shared with other modules through media's test-jar: {@link postbox.media.testing.RtpPeer} (a real
 * UDP peer speaking G.711 and RFC 4733 to a leg) and {@link postbox.media.testing.PcmCollector} (an in-memory
 * recorder output).
 */
package postbox.media.testing;
