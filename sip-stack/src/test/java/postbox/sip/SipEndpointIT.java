package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sdp.MediaDescription;
import javax.sdp.SessionDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real {@link SipEndpoint} on 127.0.0.1 driven over UDP by the raw-socket test UAC. */
class SipEndpointIT {

    private final RecordingHandler handler = new RecordingHandler();
    private SipEndpoint endpoint;
    private RawUac uac;

    @BeforeEach
    void start() throws IOException {
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), handler);
        uac = RawUac.connect(Transport.UDP, endpoint.address());
    }

    @AfterEach
    void stop() throws IOException {
        uac.close();
        endpoint.close();
    }

    private UacCall establishedCall() {
        UacCall call = new UacCall(uac, "201");
        call.invite("pcmu-pcma-dtmf.sdp");
        call.answered();
        call.ack();
        assertThat(handler.nextEvent()).isEqualTo("established");
        return call;
    }

    private static SessionDescription sdp(SipText message) throws Exception {
        assertThat(message.header("Content-Type")).isEqualTo("application/sdp");
        return SdpParts.parse(message.body());
    }

    private static MediaDescription audio(SessionDescription sdp) throws Exception {
        return SdpParts.firstMedia(sdp);
    }

    private static String direction(MediaDescription audio) throws Exception {
        return SdpParts.direction(audio);
    }

    @Test
    void aCallIsTriedRungAnsweredEstablishedAndEndedByTheCaller() throws Exception {
        UacCall call = new UacCall(uac, "*17");
        call.invite("pcmu-pcma-dtmf.sdp", "Diversion: \"Bob\" <sip:201@127.0.0.1>;reason=user-busy;counter=1");

        uac.response("INVITE", 100);
        SipText ringing = uac.response("INVITE", 180);
        SipText ok = call.answered();

        assertThat(ok.header("Contact")).isEqualTo("<sip:postbox@127.0.0.1:" + endpoint.address().getPort()
                + ";transport=udp>");
        assertThat(ok.toTag()).isNotBlank().isEqualTo(ringing.toTag());
        assertThat(String.join(",", ok.headerValues("Allow")).replace(" ", ""))
                .contains("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS");
        assertThat(ok.header("Server")).isEqualTo("Postbox-test/1.0");
        SessionDescription answer = sdp(ok);
        assertThat(answer.getConnection().getAddress()).isEqualTo("127.0.0.1");
        assertThat(audio(answer).getMedia().getMediaPort()).isEqualTo(RecordingHandler.LOCAL_MEDIA.getPort());
        assertThat(SdpParts.formats(audio(answer))).containsExactly("0", "101");
        assertThat(audio(answer).getAttribute("fmtp")).isEqualTo("101 0-16");
        assertThat(audio(answer).getAttribute("ptime")).isEqualTo("20");
        assertThat(direction(audio(answer))).isEqualTo("sendrecv");

        IncomingCall incoming = handler.nextCall();
        assertThat(incoming.callId()).isEqualTo(call.callId());
        assertThat(incoming.from()).isEqualTo(new Party("alice", "Alice Caller",
                "sip:alice@127.0.0.1:" + uac.localPort()));
        assertThat(incoming.to().displayName()).isEqualTo("Mailbox");
        assertThat(incoming.requestUser()).isEqualTo("*17");
        assertThat(incoming.diversion()).contains(new Diversion("201", DivertReason.BUSY));
        assertThat(incoming.source()).isEqualTo(new InetSocketAddress("127.0.0.1", uac.localPort()));
        assertThat(incoming.transport()).isEqualTo(Transport.UDP);
        assertThat(incoming.media()).isEqualTo(new MediaOffer(new InetSocketAddress("127.0.0.1", 30000), "PCMU", 0,
                8000, 101, 20, MediaDirection.SENDRECV));
        assertThat(endpoint.activeCalls()).isEqualTo(1);

        call.ack();
        assertThat(handler.nextEvent()).isEqualTo("established");
        call.bye();
        uac.finalResponse("BYE", 200);
        assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void aTransferSendsAReferToThePbxAndSucceedsWhenItsNotifySaysTheTargetAnswered() throws Exception {
        UacCall call = establishedCall();
        CallControl control = handler.nextControl();

        CompletableFuture<Boolean> outcome = control.transfer("200");
        SipText refer = uac.request("REFER");
        uac.send(refer.responseText(202, "Accepted", null));
        call.notifyTransfer("SIP/2.0 100 Trying", false);
        uac.finalResponse("NOTIFY", 200);
        Thread.sleep(200);
        assertThat(outcome).as("not final yet").isNotDone();
        call.notifyTransfer("SIP/2.0 200 OK", true);
        uac.finalResponse("NOTIFY", 200);

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(refer.header("Refer-To")).isEqualTo("<sip:200@127.0.0.1:" + uac.localPort() + ">");
        assertThat(refer.header("Call-ID")).isEqualTo(call.callId());
        assertThat(refer.header("User-Agent")).isEqualTo("Postbox-test/1.0");
    }

    @Test
    void aTransferFailsWhenTheReferIsRefusedOrTheTargetDoesNotAnswerAndTheCallGoesOn() throws Exception {
        UacCall call = establishedCall();
        CallControl control = handler.nextControl();

        CompletableFuture<Boolean> refused = control.transfer("200");
        uac.send(uac.request("REFER").responseText(603, "Decline", null));
        assertThat(refused.get(5, TimeUnit.SECONDS)).isFalse();

        CompletableFuture<Boolean> busy = control.transfer("201");
        uac.send(uac.request("REFER").responseText(202, "Accepted", null));
        call.notifyTransfer("SIP/2.0 486 Busy Here", true);
        uac.finalResponse("NOTIFY", 200);
        assertThat(busy.get(5, TimeUnit.SECONDS)).isFalse();

        call.bye();
        uac.finalResponse("BYE", 200);
        assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
        assertThat(control.transfer("202").get(1, TimeUnit.SECONDS)).as("an ended call").isFalse();
    }

    @Test
    void hangupSendsByeOnceAndEndsTheCallOnce() throws Exception {
        UacCall call = establishedCall();
        CallControl control = handler.nextControl();

        control.hangup();
        SipText bye = uac.request("BYE");
        call.ok(bye);
        control.hangup();

        assertThat(bye.header("Call-ID")).isEqualTo(call.callId());
        assertThat(bye.header("User-Agent")).isEqualTo("Postbox-test/1.0");
        assertThat(handler.nextEvent()).isEqualTo("ended LOCAL_BYE");
        assertThat(handler.eventWithin(Duration.ofMillis(500))).isNull();
        assertThat(uac.drain(Duration.ofMillis(300))).noneMatch(m -> m.method().equals("BYE") && !m.isResponse());
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void aCancelRightAfterTheInviteGets200AndTheCallEndsExactlyOnce() throws Exception {
        UacCall call = new UacCall(uac, "201");
        call.invite("pcmu-pcma-dtmf.sdp");
        call.cancel();

        uac.finalResponse("CANCEL", 200);
        SipText inviteFinal = uac.await(m -> m.isResponse() && m.cseqMethod().equals("INVITE") && m.status() >= 200,
                "the INVITE's final response");
        if (inviteFinal.status() == 487) {
            call.ackFailure(inviteFinal);
            assertThat(handler.nextEvent()).isEqualTo("ended CANCELLED");
        } else {
            assertThat(inviteFinal.status()).as("the server answers at once, so CANCEL loses").isEqualTo(200);
            call.answered();
            call.ack();
            assertThat(handler.nextEvent()).isEqualTo("established");
            call.bye();
            uac.finalResponse("BYE", 200);
            assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
        }
        assertThat(handler.eventWithin(Duration.ofMillis(300))).isNull();
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void optionsIsAnsweredInAndOutOfADialog() throws Exception {
        new UacCall(uac, "postbox").outOfDialog("OPTIONS");
        SipText ok = uac.finalResponse("OPTIONS", 200);
        assertThat(String.join(",", ok.headerValues("Allow")).replace(" ", ""))
                .isEqualTo("INVITE,ACK,BYE,CANCEL,OPTIONS,SUBSCRIBE,NOTIFY");
        assertThat(ok.header("Accept")).isEqualTo("application/sdp");

        UacCall call = establishedCall();
        call.inDialog("OPTIONS", "", "");
        uac.finalResponse("OPTIONS", 200);
        assertThat(endpoint.activeCalls()).isEqualTo(1);
    }

    @Test
    void aReinviteToSendonlyHoldsAndBackToSendrecvResumesWithMirroredAnswers() throws Exception {
        UacCall call = new UacCall(uac, "201");
        call.invite("pcmu-pcma-dtmf.sdp");
        long firstVersion = sdp(call.answered()).getOrigin().getSessionVersion();
        call.ack();
        assertThat(handler.nextEvent()).isEqualTo("established");

        call.reinvite("hold-sendonly.sdp");
        SessionDescription hold = sdp(call.answered());
        call.ack();
        assertThat(handler.nextEvent()).isEqualTo("media SENDONLY PCMU 30000");
        assertThat(direction(audio(hold))).isEqualTo("recvonly");
        assertThat(audio(hold).getMedia().getMediaPort()).isEqualTo(RecordingHandler.LOCAL_MEDIA.getPort());
        assertThat(hold.getOrigin().getSessionVersion()).isEqualTo(firstVersion + 1);

        call.reinvite("resume-sendrecv.sdp");
        SessionDescription resume = sdp(call.answered());
        call.ack();
        assertThat(handler.nextEvent()).as("PCMU is kept though the offer lists PCMA first")
                .isEqualTo("media SENDRECV PCMU 30002");
        assertThat(direction(audio(resume))).isEqualTo("sendrecv");
        assertThat(SdpParts.formats(audio(resume))).containsExactly("0", "101");
        assertThat(resume.getOrigin().getSessionVersion()).isEqualTo(firstVersion + 2);
        assertThat(handler.eventWithin(Duration.ofMillis(300))).as("no second established").isNull();
    }

    @Test
    void aReinviteWithNoCommonCodecIsRefusedAndTheCallGoesOn() throws Exception {
        UacCall call = establishedCall();

        call.reinvite("g729-only.sdp");
        SipText refused = uac.finalResponse("INVITE", 488);
        call.ackFailure(refused);
        call.bye();

        uac.finalResponse("BYE", 200);
        assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
    }

    @Test
    void aReinviteWithoutSdpGetsAnOfferAndTheAnswerInTheAckChangesTheMedia() throws Exception {
        UacCall call = establishedCall();

        call.reinvite(null);
        SessionDescription offer = sdp(call.answered());
        call.ackWithAnswer("resume-sendrecv.sdp");

        assertThat(direction(audio(offer))).isEqualTo("sendrecv");
        assertThat(SdpParts.formats(audio(offer))).containsExactly("0", "101");
        assertThat(handler.nextEvent()).isEqualTo("media SENDRECV PCMU 30002");
    }

    @Test
    void anOfferWithNoCommonCodecGets488WithAWarningAndNeverReachesTheHandler() {
        new UacCall(uac, "201").invite("g729-only.sdp");

        SipText refused = uac.finalResponse("INVITE", 488);

        assertThat(refused.header("Warning")).startsWith("305 127.0.0.1 \"no common codec: offered G729/8000");
        assertThat(handler.noCall()).isTrue();
    }

    @Test
    void aDelayedOfferGetsOurOfferAndTheAnswerInTheAckGivesTheMediaBeforeTheCallIsEstablished() throws Exception {
        UacCall call = new UacCall(uac, "201");
        call.invite(null);
        SessionDescription offer = sdp(call.answered());
        call.ackWithAnswer("pcma-only.sdp");

        assertThat(direction(audio(offer))).isEqualTo("sendrecv");
        assertThat(audio(offer).getMedia().getMediaPort()).isEqualTo(RecordingHandler.LOCAL_MEDIA.getPort());
        assertThat(audio(offer).getMedia().getProtocol()).isEqualTo("RTP/AVP");
        assertThat(SdpParts.formats(audio(offer))).startsWith("0", "8").endsWith("101");
        assertThat(handler.nextEvent()).as("the answer's media first").isEqualTo("media SENDRECV PCMA 30000");
        assertThat(handler.nextEvent()).isEqualTo("established");
        call.bye();
        uac.finalResponse("BYE", 200);
        assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
    }

    @Test
    void aDelayedOfferWhoseAckHasNoAnswerIsEndedWithABye() throws Exception {
        UacCall call = new UacCall(uac, "201");
        call.invite(null);
        call.answered();
        call.ack();

        assertThat(handler.nextEvent()).isEqualTo("established");
        SipText bye = uac.request("BYE");
        call.ok(bye);
        assertThat(bye.header("Call-ID")).isEqualTo(call.callId());
        assertThat(handler.nextEvent()).isEqualTo("ended LOCAL_BYE");
    }

    @Test
    void aBodyThatIsNotSdpGets415WithAccept() {
        new UacCall(uac, "201").inviteWithBody("text/plain", "hello");

        SipText unsupported = uac.finalResponse("INVITE", 415);

        assertThat(unsupported.header("Accept")).isEqualTo("application/sdp");
    }

    @Test
    void brokenSdpGets400WithAWarning() {
        new UacCall(uac, "201").invite("broken.sdp");

        SipText bad = uac.finalResponse("INVITE", 400);

        assertThat(bad.header("Warning")).startsWith("399 127.0.0.1 \"Malformed SDP");
    }

    @Test
    void aRejectionIsSentAsTheFinalResponseWithRetryAfterWhenGiven() {
        handler.answerWith((call, control) -> new Answer.Reject(404, "No Such Mailbox"));
        UacCall unknown = new UacCall(uac, "999");
        unknown.invite("pcmu-pcma-dtmf.sdp");
        SipText notFound = uac.finalResponse("INVITE", 404);
        unknown.ackFailure(notFound);
        assertThat(notFound.firstLine()).isEqualTo("SIP/2.0 404 No Such Mailbox");
        assertThat(notFound.header("Retry-After")).isNull();

        handler.answerWith((call, control) -> new Answer.Reject(503, "Service Unavailable", Duration.ofSeconds(30)));
        UacCall busy = new UacCall(uac, "201");
        busy.invite("pcmu-pcma-dtmf.sdp");
        SipText unavailable = uac.finalResponse("INVITE", 503);
        busy.ackFailure(unavailable);
        assertThat(unavailable.header("Retry-After")).isEqualTo("30");
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void aHandlerThatThrowsGets500() {
        handler.answerWith((call, control) -> {
            throw new IllegalStateException("boom");
        });

        new UacCall(uac, "201").invite("pcmu-pcma-dtmf.sdp");

        uac.finalResponse("INVITE", 500);
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void aHangupWhileTheHandlerDecidesTurnsTheAcceptInto480() throws Exception {
        handler.answerWith((call, control) -> {
            control.hangup();
            return handler.accept();
        });

        new UacCall(uac, "201").invite("pcmu-pcma-dtmf.sdp");

        uac.finalResponse("INVITE", 480);
        assertThat(handler.nextEvent()).isEqualTo("ended LOCAL_BYE");
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void requestsForAnUnknownDialogGet481() {
        UacCall stray = new UacCall(uac, "201");
        stray.stray("BYE");
        uac.finalResponse("BYE", 481);

        stray.stray("INVITE");
        uac.finalResponse("INVITE", 481);
    }

    @Test
    void aNewInviteWithTheCallIdOfALiveCallGets482() {
        UacCall call = establishedCall();

        call.invite("pcmu-pcma-dtmf.sdp");

        uac.finalResponse("INVITE", 482);
        assertThat(endpoint.activeCalls()).isEqualTo(1);
    }

    @Test
    void otherMethodsGet405WithAllow() {
        new UacCall(uac, "201").outOfDialog("MESSAGE");

        SipText notAllowed = uac.finalResponse("MESSAGE", 405);

        assertThat(String.join(",", notAllowed.headerValues("Allow")).replace(" ", ""))
                .isEqualTo("INVITE,ACK,BYE,CANCEL,OPTIONS,SUBSCRIBE,NOTIFY");
    }

    @Test
    void closingSendsByeToEstablishedCallsAndIsIdempotent() throws Exception {
        establishedCall();

        endpoint.close();
        endpoint.close();

        uac.request("BYE");
        assertThat(handler.nextEvent()).isEqualTo("ended LOCAL_BYE");
        assertThat(endpoint.activeCalls()).isZero();
    }

    @Test
    void aSecondEndpointRunsBesideTheFirstAndABusyPortIsAnIoError() throws Exception {
        try (SipEndpoint second = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()),
                new RecordingHandler());
             RawUac other = RawUac.connect(Transport.UDP, second.address())) {
            new UacCall(other, "postbox").outOfDialog("OPTIONS");
            new UacCall(uac, "postbox").outOfDialog("OPTIONS");

            other.finalResponse("OPTIONS", 200);
            uac.finalResponse("OPTIONS", 200);
        }
        assertThatThrownBy(() -> SipEndpoint.start(RecordingHandler.config(endpoint.address().getPort()), handler))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anUnacknowledged200EndsTheCallWithByeAndTimeout() throws Exception {
        try (SipEndpoint impatient = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()),
                handler, Duration.ofSeconds(1));
             RawUac caller = RawUac.connect(Transport.UDP, impatient.address())) {
            UacCall call = new UacCall(caller, "201");
            call.invite("pcmu-pcma-dtmf.sdp");
            call.answered();

            SipText bye = caller.request("BYE");
            call.ok(bye);

            assertThat(handler.nextEvent()).isEqualTo("ended TIMEOUT");
            assertThat(impatient.activeCalls()).isZero();
        }
    }

    @Test
    void anEstablishedCallStaysUpUntilSomebodyEndsIt() throws Exception {
        establishedCall();

        assertThat(handler.eventWithin(Duration.ofMillis(300))).isNull();
        assertThat(endpoint.activeCalls()).isEqualTo(1);
    }
}
