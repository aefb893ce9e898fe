/**
 * Test peers shared with other modules through media's test-jar: {@link postbox.media.testing.RtpPeer} (a real
 * UDP peer on an RTP/RTCP port pair speaking any codec of the engine, RFC 4733 both ways, DTMF tones in band and
 * SRTP/SRTCP with given keys) and {@link postbox.media.testing.PcmCollector} (an in-memory recorder output).
 */
package postbox.media.testing;
