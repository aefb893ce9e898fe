/**
 * The SIP edge of Postbox, on JAIN-SIP RI. The only package that imports {@code javax.sip} / {@code javax.sdp}.
 *
 * <p>The server sees calls as values: an {@link postbox.sip.IncomingCall} (parties, diversion, negotiated
 * {@link postbox.sip.MediaOffer}) handed to a {@link postbox.sip.CallHandler}, which answers with an
 * {@link postbox.sip.Answer}. JAIN-SIP callbacks never block and no JAIN-SIP type leaks out of this package.
 *
 * <p>Inside: {@link postbox.sip.SipEndpoint} owns one JAIN-SIP stack (UDP and TCP) with
 * {@code UserAgentServer} as its listener. New INVITEs go through {@code OfferBody} and {@code SdpNegotiator}
 * (SDP parsed by {@code javax.sdp}) before the handler; each accepted call is a {@code SipCall} whose decisions
 * come from the pure state machine {@code CallState} and whose SDP answers come from {@code LocalSdp}.
 * {@code DiversionHeaders} reads Diversion / History-Info. Malformed requests are caught by
 * {@code ScreeningMessageParser} (JAIN-SIP's parser hook) and answered 400 by {@code MalformedRequestValve}
 * (JAIN-SIP's valve hook). The stack logs through {@link postbox.sip.Slf4jStackLogger} and
 * {@link postbox.sip.Slf4jServerLogger} (every message at DEBUG on {@code postbox.sip.wire}).
 *
 * <p>Threads: JAIN-SIP calls the listener itself on its transport threads (one for UDP, one per TCP connection)
 * and timer threads; a hangup's BYE goes out on the endpoint's control thread.
 */
package postbox.sip;
