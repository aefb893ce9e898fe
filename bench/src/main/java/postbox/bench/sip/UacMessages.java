package postbox.bench.sip;

import java.nio.charset.StandardCharsets;

/**
 * Builds the SIP text a benchmark caller sends from one UDP socket at {@code local} to a server at
 * {@code server} (both {@code host:port}): INVITE with an SDP offer, ACK, BYE, and 200 OK to a request the server
 * sends. Immutable, thread-safe.
 *
 * @param local  the caller's SIP address (its Via and Contact)
 * @param server the server's SIP address (the INVITE's Request-URI host)
 */
public record UacMessages(String local, String server) {
    private static final String CRLF = "\r\n";

    /** Who a call is from and to, fixed for the call's life. */
    public record Party(String callId, String user, String fromTag, String mailbox) {
    }

    /** The Request-URI of the INVITE (and of an ACK to a failure). */
    public String inviteUri(Party party) {
        return "sip:" + party.mailbox() + "@" + server;
    }

    /** An INVITE with {@code sdp} as its body. */
    public String invite(Party party, String branch, String sdp) {
        return request("INVITE", inviteUri(party), party, null, branch, 1,
                "Contact: <sip:" + party.user() + "@" + local + ">" + CRLF
                        + "Content-Type: application/sdp" + CRLF, sdp);
    }

    /**
     * The ACK of an INVITE's final response: to a 2xx a new transaction sent to the server's Contact; to a failure
     * part of the INVITE transaction (same branch and Request-URI).
     */
    public String ack(Party party, String requestUri, String toTag, String branch) {
        return request("ACK", requestUri, party, toTag, branch, 1, "", "");
    }

    /** A BYE in the dialog. */
    public String bye(Party party, String requestUri, String toTag, String branch, int cseq) {
        return request("BYE", requestUri, party, toTag, branch, cseq, "", "");
    }

    /** 200 OK to a request the server sent (its Via, From, To, Call-ID and CSeq copied). */
    public static String ok(SipMessage request) {
        StringBuilder text = new StringBuilder("SIP/2.0 200 OK").append(CRLF);
        for (String via : request.headers("Via")) {
            text.append("Via: ").append(via).append(CRLF);
        }
        for (String name : new String[] {"From", "To", "Call-ID", "CSeq"}) {
            request.header(name).ifPresent(value -> text.append(name).append(": ").append(value).append(CRLF));
        }
        return text.append("Content-Length: 0").append(CRLF).append(CRLF).toString();
    }

    private String request(String method, String uri, Party party, String toTag, String branch, int cseq,
                           String extraHeaders, String body) {
        return method + " " + uri + " SIP/2.0" + CRLF
                + "Via: SIP/2.0/UDP " + local + ";branch=" + branch + ";rport" + CRLF
                + "Max-Forwards: 70" + CRLF
                + "From: <sip:" + party.user() + "@" + local + ">;tag=" + party.fromTag() + CRLF
                + "To: <sip:" + party.mailbox() + "@" + server + ">" + (toTag == null ? "" : ";tag=" + toTag) + CRLF
                + "Call-ID: " + party.callId() + CRLF
                + "CSeq: " + cseq + " " + method + CRLF
                + "User-Agent: postbox-bench" + CRLF
                + extraHeaders
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + CRLF
                + CRLF
                + body;
    }
}
