package postbox.sip;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * An INVITE that reached Postbox, as a value. Immutable.
 *
 * @param callId      the SIP Call-ID
 * @param from        the caller ({@code From})
 * @param to          the {@code To} party
 * @param requestUser the Request-URI user part: the start point ({@code 201}, {@code *17}, ...)
 * @param diversion   the originally called party from {@code Diversion} / {@code History-Info}, if any
 * @param source      the address the INVITE came from (the PBX, for trunk calls)
 * @param transport   the transport it came over
 * @param media       the negotiated audio stream
 */
public record IncomingCall(String callId, Party from, Party to, String requestUser, Optional<Diversion> diversion,
                           InetSocketAddress source, Transport transport, MediaOffer media) {
}
