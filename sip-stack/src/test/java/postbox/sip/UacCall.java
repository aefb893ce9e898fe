package postbox.sip;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One call (dialog) as the raw test UAC sees it: builds its requests from {@code sip/request.sip} with the right
 * Call-ID, tags, CSeq, branch and Request-URI, and remembers the server's tag and Contact from its 200 OK.
 * Not thread-safe: the test thread drives it.
 */
final class UacCall {

    private final RawUac uac;
    private final String user;
    private final String callId = "call-" + random() + "@127.0.0.1";
    private final String fromTag = random();
    private int cseq = 1;
    private int inviteCseq;
    private String inviteBranch;
    private String inviteUri;
    private String toTag;
    private String remoteTarget;

    UacCall(RawUac uac, String user) {
        this.uac = uac;
        this.user = user;
    }

    String callId() {
        return callId;
    }

    /** Sends the initial INVITE with an SDP offer file from {@code sip/offers/} (or none when null). */
    void invite(String offerFile, String... extraHeaders) {
        inviteBranch = branch();
        inviteCseq = cseq++;
        inviteUri = "sip:" + user + "@127.0.0.1:" + uac.server().getPort() + ";transport=" + uac.transport().token();
        String body = offerFile == null ? "" : TestFiles.read("/sip/offers/" + offerFile);
        send("INVITE", inviteUri, inviteBranch, inviteCseq, "INVITE", null, "application/sdp", body, extraHeaders);
    }

    /** The Request-URI of the INVITE sent last. */
    String inviteUri() {
        return inviteUri;
    }

    /** Sends the initial INVITE with any body. */
    void inviteWithBody(String contentType, String body) {
        inviteBranch = branch();
        inviteCseq = cseq++;
        inviteUri = "sip:" + user + "@127.0.0.1:" + uac.server().getPort() + ";transport=" + uac.transport().token();
        send("INVITE", inviteUri, inviteBranch, inviteCseq, "INVITE", null, contentType, body);
    }

    /** A request with a To tag for a dialog the server never had. */
    void stray(String method) {
        send(method, "sip:" + user + "@127.0.0.1:" + uac.server().getPort(), branch(), cseq++, method, random(),
                "", "");
    }

    /** Waits for the 200 OK to the INVITE and remembers the dialog it sets up. */
    SipText answered() {
        SipText ok = uac.finalResponse("INVITE", 200);
        toTag = ok.toTag();
        remoteTarget = ok.contactUri();
        return ok;
    }

    void ack() {
        send("ACK", remoteTarget, branch(), inviteCseq, "ACK", toTag, "", "");
    }

    /** ACK with an SDP answer (for a 200 to a re-INVITE that carried our offer). */
    void ackWithAnswer(String answerFile) {
        send("ACK", remoteTarget, branch(), inviteCseq, "ACK", toTag, "application/sdp",
                TestFiles.read("/sip/offers/" + answerFile));
    }

    /** ACK for a non-2xx final response: same branch and Request-URI as the INVITE. */
    void ackFailure(SipText response) {
        send("ACK", inviteUri, inviteBranch, inviteCseq, "ACK", response.toTag(), "", "");
    }

    void cancel() {
        send("CANCEL", inviteUri, inviteBranch, inviteCseq, "CANCEL", null, "", "");
    }

    void bye() {
        inDialog("BYE", "", "");
    }

    /** A re-INVITE with an offer file, or without SDP when null. */
    void reinvite(String offerFile) {
        inviteBranch = branch();
        inviteCseq = cseq++;
        inviteUri = remoteTarget;
        String body = offerFile == null ? "" : TestFiles.read("/sip/offers/" + offerFile);
        send("INVITE", remoteTarget, inviteBranch, inviteCseq, "INVITE", toTag, "application/sdp", body);
    }

    /** Any request in the dialog. */
    void inDialog(String method, String contentType, String body) {
        send(method, remoteTarget, branch(), cseq++, method, toTag, contentType, body);
    }

    /** A request in the dialog with a body and extra header lines. */
    void inDialog(String method, String contentType, String body, String... extraHeaders) {
        send(method, remoteTarget, branch(), cseq++, method, toTag, contentType, body, extraHeaders);
    }

    /** A NOTIFY of a REFER's subscription (RFC 3515) with {@code statusLine} as its sipfrag. */
    void notifyTransfer(String statusLine, boolean terminated) {
        inDialog("NOTIFY", "message/sipfrag;version=2.0", statusLine + "\r\n", "Event: refer",
                "Subscription-State: " + (terminated ? "terminated;reason=noresource" : "active;expires=60"));
    }

    /** Any request outside a dialog (no To tag). */
    void outOfDialog(String method) {
        send(method, "sip:" + user + "@127.0.0.1:" + uac.server().getPort(), branch(), cseq++, method, null, "", "");
    }

    /** Any request outside a dialog (no To tag), with extra header lines. */
    void outOfDialog(String method, String... extraHeaders) {
        send(method, "sip:" + user + "@127.0.0.1:" + uac.server().getPort(), branch(), cseq++, method, null, "", "",
                extraHeaders);
    }

    /** Waits for the 200 OK to a dialog-creating request (INVITE, SUBSCRIBE) and remembers the dialog. */
    SipText established(String method) {
        SipText ok = uac.finalResponse(method, 200);
        toTag = ok.toTag();
        remoteTarget = ok.contactUri();
        return ok;
    }

    /** Any request in the dialog, with extra header lines. */
    void inDialogWith(String method, String... extraHeaders) {
        send(method, remoteTarget, branch(), cseq++, method, toTag, "", "", extraHeaders);
    }

    /** Answers a request the server sent (e.g. its BYE) with 200 OK. */
    void ok(SipText request) {
        uac.send(request.responseText(200, "OK", null));
    }

    private void send(String method, String requestUri, String branch, int number, String cseqMethod, String tag,
                      String contentType, String body, String... extraHeaders) {
        Map<String, String> values = SipText.values(
                "method", method, "requestUri", requestUri, "TRANSPORT", uac.transport().name(),
                "transport", uac.transport().token(), "uacPort", uac.localPort(), "branch", branch,
                "fromTag", fromTag, "user", user, "serverHost", "127.0.0.1", "serverPort", uac.server().getPort(),
                "toTagParam", tag == null ? "" : ";tag=" + tag, "callId", callId, "cseq", number,
                "cseqMethod", cseqMethod, "extraHeaders", String.join("\n", extraHeaders));
        uac.send(SipText.render("/sip/request.sip", values, contentType, body));
    }

    private static String branch() {
        return "z9hG4bK" + random();
    }

    private static String random() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
