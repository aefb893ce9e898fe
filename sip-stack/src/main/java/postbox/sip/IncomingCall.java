package postbox.sip;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * An INVITE that reached Postbox, as a value. Immutable.
 *
 * @param callId        the SIP Call-ID
 * @param from          the caller ({@code From})
 * @param to            the {@code To} party
 * @param requestUser   the Request-URI user part: the start point ({@code 201}, {@code *17}, the trunk user, ...)
 * @param diversion     the originally called party from {@code Diversion} / {@code History-Info}, if any
 * @param source        the address the INVITE came from (the PBX, for trunk calls)
 * @param transport     the transport it came over
 * @param media         the negotiated audio stream
 * @param trustedSource true when the INVITE came from a trusted address (the trunk's PBXs, the policy's trusted
 *                      addresses, or loopback when {@link SourcePolicy#trustLoopback()}); false when it was let in
 *                      by answering the digest challenge or by an {@link Untrusted#ACCEPT} policy
 */
public record IncomingCall(String callId, Party from, Party to, String requestUser, Optional<Diversion> diversion,
                           InetSocketAddress source, Transport transport, MediaOffer media, boolean trustedSource) {
}
