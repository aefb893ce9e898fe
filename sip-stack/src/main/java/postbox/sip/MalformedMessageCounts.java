package postbox.sip;

/**
 * How many malformed SIP messages an endpoint has seen since it started. Immutable.
 *
 * @param rejected malformed requests answered with 400 Bad Request (a Via made a response routable)
 * @param dropped  malformed messages dropped without an answer (no usable Via, an ACK, a response, garbage)
 */
public record MalformedMessageCounts(long rejected, long dropped) {
}
