package postbox.bench.sip;

import java.net.InetSocketAddress;

/**
 * The benchmark's SDP: the offer a caller sends (PCMU and telephone-event/101, 20 ms, from 127.0.0.1) and the
 * media address and codec read from the server's answer. Stateless, thread-safe.
 */
public final class Sdp {

    /** Where the answerer wants RTP and which payload type it picked first. */
    public record Answer(InetSocketAddress media, int payloadType) {
    }

    private Sdp() {
    }

    /** The offer of a caller receiving RTP at {@code host:port}. */
    public static String offer(String host, int port, long sessionId) {
        return "v=0\r\n"
                + "o=- " + sessionId + " " + sessionId + " IN IP4 " + host + "\r\n"
                + "s=postbox-bench\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }

    /**
     * The audio address and first payload type of an answer (the media-level {@code c=} line wins over the
     * session's).
     *
     * @throws IllegalArgumentException when it has no audio stream or no address
     */
    public static Answer answer(String sdp) {
        String host = null;
        Integer port = null;
        Integer payloadType = null;
        boolean inAudio = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                inAudio = line.startsWith("m=audio ") && port == null;
                if (inAudio) {
                    String[] fields = line.substring(2).trim().split(" +");
                    if (fields.length < 4) {
                        throw new IllegalArgumentException("bad media line: '" + line + "'");
                    }
                    port = Integer.parseInt(fields[1]);
                    payloadType = Integer.parseInt(fields[3]);
                }
            } else if (line.startsWith("c=") && (inAudio || port == null)) {
                String[] fields = line.substring(2).trim().split(" +");
                if (fields.length < 3) {
                    throw new IllegalArgumentException("bad connection line: '" + line + "'");
                }
                host = fields[2];
            }
        }
        if (port == null || host == null) {
            throw new IllegalArgumentException("no audio stream with an address in the answer");
        }
        return new Answer(new InetSocketAddress(host, port), payloadType);
    }
}
