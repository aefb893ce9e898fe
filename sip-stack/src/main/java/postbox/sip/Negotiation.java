package postbox.sip;

import java.util.List;

/** The outcome of reading a peer's SDP offer against the codecs Postbox accepts. Immutable values. */
sealed interface Negotiation {

    /**
     * One usable audio stream.
     *
     * @param media      the chosen stream as the rest of Postbox sees it
     * @param streams    every m-line of the offer, in order (the answer repeats them, the others with port 0)
     * @param audioIndex the position of the chosen audio stream in {@code streams}
     */
    record Agreed(MediaOffer media, List<OfferedStream> streams, int audioIndex) implements Negotiation {
        public Agreed {
            streams = List.copyOf(streams);
        }
    }

    /**
     * A well-formed offer with nothing Postbox can take: 488 Not Acceptable Here.
     *
     * @param warningCode the RFC 3261 section 20.43 warning code (301 address, 302 transport, 304 media type,
     *                    305 media format, 306 attribute: an SRTP crypto line Postbox cannot take)
     * @param text        what was offered, for the Warning header and the log
     */
    record Refused(int warningCode, String text) implements Negotiation {
    }

    /**
     * A body that is not a usable SDP session description: 400 Bad Request.
     *
     * @param reason what is wrong with it
     */
    record Unreadable(String reason) implements Negotiation {
    }

    /**
     * One m-line of an offer, enough to reject it in the answer.
     *
     * @param mediaType   {@code audio}, {@code video}, ...
     * @param protocol    {@code RTP/AVP}, ...
     * @param firstFormat the first format listed (an answer's m-line needs at least one)
     */
    record OfferedStream(String mediaType, String protocol, String firstFormat) {
    }
}
