package postbox.media.rtp;

/**
 * A leg's two sockets: RTP on an even port, RTCP on the next one (RFC 3550 section 11; no rtcp-mux negotiation,
 * though RTCP arriving on the RTP port is read too). Closing closes both. The sockets are the leg's: tick thread
 * only, except their local addresses.
 */
public record SocketPair(RtpSocket rtp, RtpSocket rtcp) implements AutoCloseable {

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
