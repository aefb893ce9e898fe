/**
 * The benchmark's SIP user agent client over UDP, in a few lines of SIP text: messages parsed and built
 * ({@link postbox.bench.sip.SipMessage}, {@link postbox.bench.sip.UacMessages}, {@link postbox.bench.sip.Sdp}),
 * one call's state machine ({@link postbox.bench.sip.UacCall}: INVITE with timer A retransmissions, 100/180/200,
 * ACK, BYE with timer E, a BYE from the server answered) and the agent that carries all calls over one socket
 * ({@link postbox.bench.sip.SipAgent}).
 */
package postbox.bench.sip;
