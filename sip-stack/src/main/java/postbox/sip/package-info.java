/**
 * The SIP edge of Postbox, on JAIN-SIP RI. The only package that imports {@code javax.sip} / {@code javax.sdp}.
 *
 * <p>The server sees calls as values: an {@link postbox.sip.IncomingCall} (parties, diversion, negotiated
 * {@link postbox.sip.MediaOffer}) handed to a {@link postbox.sip.CallHandler}, which answers with an
 * {@link postbox.sip.Answer}. JAIN-SIP callbacks never block and no JAIN-SIP type leaks out of this package.
 */
package postbox.sip;
