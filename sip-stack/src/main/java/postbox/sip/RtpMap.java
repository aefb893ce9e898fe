package postbox.sip;

import java.util.Optional;

/**
 * One {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]} attribute of an offer (channels are not kept: only Opus
 * has them in Postbox's set, always 2). Immutable.
 *
 * @param payloadType the payload type as written
 * @param encoding    the encoding name as written
 * @param clockRate   the RTP clock rate (8000 when the line leaves it out)
 */
record RtpMap(String payloadType, String encoding, int clockRate) {

    private static final int DEFAULT_CLOCK_RATE = 8000;

    /** An attribute's value, e.g. {@code 111 opus/48000/2}; empty when it does not read as one. */
    static Optional<RtpMap> parse(String value) {
        String[] ptAndRest = value.trim().split("\\s+", 2);
        if (ptAndRest.length != 2) {
            return Optional.empty();
        }
        String[] parts = ptAndRest[1].split("/");
        try {
            return Optional.of(new RtpMap(ptAndRest[0], parts[0].trim(),
                    parts.length > 1 ? Integer.parseInt(parts[1].trim()) : DEFAULT_CLOCK_RATE));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
