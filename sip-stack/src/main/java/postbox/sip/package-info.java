/**
 * The SIP edge of Postbox, on JAIN-SIP RI. The only package that imports {@code javax.sip} / {@code javax.sdp}.
 *
 * <p>The server sees calls as values: an {@link postbox.sip.IncomingCall} (parties, diversion, negotiated
 * {@link postbox.sip.MediaOffer}, whether its source is trusted) handed to a {@link postbox.sip.CallHandler}, which
 * answers with an {@link postbox.sip.Answer}. It configures the trunk with a {@link postbox.sip.TrunkConfig} and
 * the caller screening with a {@link postbox.sip.SourcePolicy}, reads the trunk as a
 * {@link postbox.sip.TrunkStatus}, and publishes mailbox counts as {@link postbox.sip.MessageSummary} values.
 * JAIN-SIP callbacks never block and no JAIN-SIP type leaks out of this package.
 *
 * <p>Inside: {@link postbox.sip.SipEndpoint} owns one JAIN-SIP stack (UDP and TCP) with
 * {@code UserAgentServer} as its listener. New INVITEs pass the {@code SourceGate} (407 challenges with
 * {@code NonceMint} nonces, checked by {@code DigestAuth}), then {@code OfferBody} and {@code SdpNegotiator}
 * (SDP parsed by {@code javax.sdp}) before the handler; each accepted call is a {@code SipCall} whose decisions
 * come from the pure state machine {@code CallState} and whose SDP answers come from {@code LocalSdp}.
 *
 * <p>SDP: the configured {@link postbox.sip.SdpCodecs} (PCMU, PCMA, G722, speex/8000, speex/16000, opus; each a
 * {@link postbox.sip.SdpCodec}) are tried in preference order against the offer ({@code RtpMap} reads its
 * rtpmaps); telephone-event is taken at the chosen codec's clock when offered. RTP/SAVP offers are keyed with SDES
 * (RFC 4568): {@code CryptoLine} picks the peer's {@code a=crypto} line, {@code LocalKeys} says whether the answer
 * keeps the call's key (a re-INVITE that does not change the peer's line) or mints a new one, and the result is a
 * {@link postbox.sip.Crypto} in the {@link postbox.sip.MediaOffer}. RTP/SAVPF and DTLS-SRTP get 488 with a
 * Warning.
 * {@code DiversionHeaders} reads Diversion / History-Info. Malformed requests are caught by
 * {@code ScreeningMessageParser} (JAIN-SIP's parser hook) and answered 400 by {@code MalformedRequestValve}
 * (JAIN-SIP's valve hook). The stack logs through {@link postbox.sip.Slf4jStackLogger} and
 * {@link postbox.sip.Slf4jServerLogger} (every message at DEBUG on {@code postbox.sip.wire}).
 *
 * <p>The trunk: {@code TrunkState} is the pure decision maker (registration with digest answers, refresh,
 * backoff, 403; liveness per PBX in {@code PbxLiveness}; failover and failback), driven by events and a clock and
 * answering with {@code TrunkAction}s that {@code TrunkClient} carries out on JAIN-SIP ({@code OutgoingRequests}
 * builds the requests, {@code ClientRequests} sends them, their outcomes come back through
 * {@code AwaitedResponse}). MWI: {@code MessageWaitingNotifier} sends unsolicited message-summary NOTIFYs to the
 * PBX in use; {@code MessageWaitingSubscriptions} serves SUBSCRIBE dialogs.
 *
 * <p>Standby (a backup node while its primary is alive): {@code StandbyGate} holds whether the endpoint is active
 * and turns new INVITE, SUBSCRIBE and OPTIONS away with 503; {@code TrunkState} un-registers and falls silent
 * until activated, then registers at the primary PBX at once. {@code PeerProbe} pings peer nodes with OPTIONS.
 *
 * <p>Threads: JAIN-SIP calls the listener itself on its transport threads (one for UDP, one per TCP connection)
 * and timer threads, where only responses are sent; every timer and every request Postbox sends on its own
 * (REGISTER, OPTIONS, NOTIFY, a hangup's BYE) runs on the endpoint's single scheduler thread.
 */
package postbox.sip;
