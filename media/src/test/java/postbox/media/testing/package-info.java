/**
 * Test peers shared with other modules through media's test-jar: {@link postbox.media.testing.RtpPeer} (a real
 * UDP peer on an RTP/RTCP port pair speaking any codec of the engine, RFC 4733 both ways, DTMF tones in band and
 * SRTP/SRTCP with given keys), {@link postbox.media.testing.PcmCollector} (an in-memory recorder output) and
 * {@link postbox.media.testing.Spectrum} (the strength of a tone in audio).
 */
package postbox.media.testing;
