/**
 * DTMF in band: the tone pairs ({@link postbox.media.dtmf.DtmfTones}) for sending keys to peers without
 * telephone-events, and the Goertzel {@link postbox.media.dtmf.DtmfDetector} (twist, energy share, duration) for
 * hearing them. RFC 4733 telephone-events are in {@code postbox.media.rtp}.
 */
package postbox.media.dtmf;
