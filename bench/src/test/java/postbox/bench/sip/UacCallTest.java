package postbox.bench.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class UacCallTest {
    private final UacMessages messages = new UacMessages("127.0.0.1:40000", "127.0.0.1:5060");
    private final UacCall call = new UacCall(7, messages,
            new UacMessages.Party("bench-1a2b-7@127.0.0.1", "10007", "1a2b9c8d", "201"),
            Sdp.offer("127.0.0.1", 41000, 7));

    @Test
    void inviteCarriesEverythingAUasNeeds() {
        SipMessage invite = SipMessage.parse(call.invite(0));

        assertThat(invite.startLine()).isEqualTo("INVITE sip:201@127.0.0.1:5060 SIP/2.0");
        assertThat(invite.header("Via")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK-1a2b9c8d-"));
        assertThat(invite.header("From")).contains("<sip:10007@127.0.0.1:40000>;tag=1a2b9c8d");
        assertThat(invite.header("To")).contains("<sip:201@127.0.0.1:5060>");
        assertThat(invite.header("CSeq")).contains("1 INVITE");
        assertThat(invite.header("Max-Forwards")).contains("70");
        assertThat(invite.contactUri()).contains("sip:10007@127.0.0.1:40000");
        assertThat(invite.header("Content-Type")).contains("application/sdp");
        assertThat(Integer.parseInt(invite.header("Content-Length").orElseThrow()))
                .isEqualTo(invite.body().length()).isPositive();
        assertThat(Sdp.answer(invite.body()).media().getPort()).isEqualTo(41000);
    }

    @Test
    void retransmitsUntilAProvisionalThenAnswersWithAckToTheContact() throws IOException {
        String invite = call.invite(1_000);

        assertThat(call.retransmit(500_000_000L).send()).containsExactly(invite);
        assertThat(call.onResponse(response("SIP/2.0 100 Trying"), 600_000_000L)).isEqualTo(UacCall.Step.NOTHING);
        assertThat(call.retransmit(1_500_000_000L).send()).isEmpty();

        UacCall.Step answered = call.onResponse(SipMessage.parse(SipMessageTest.resource("200-invite.txt")),
                2_000_001_000L);

        assertThat(answered.outcome()).isEqualTo(UacCall.Outcome.ANSWERED);
        SipMessage ack = SipMessage.parse(answered.send().getFirst());
        assertThat(ack.startLine()).isEqualTo("ACK sip:postbox@127.0.0.1:34369;transport=udp SIP/2.0");
        assertThat(ack.toTag()).contains("da1d6442d2357440");
        assertThat(ack.header("CSeq")).contains("1 ACK");
        assertThat(ack.header("Via").orElseThrow()).doesNotContain(
                SipMessage.parse(invite).header("Via").orElseThrow());
        assertThat(call.setupNanos()).isEqualTo(2_000_000_000L);
        assertThat(call.answer().media().getPort()).isEqualTo(20000);
        assertThat(call.state()).isEqualTo(UacCall.State.CONFIRMED);
        assertThat(call.awaitingResponse()).isFalse();
    }

    @Test
    void aRetransmitted200IsAckedAgainWithoutAnsweringTwice() throws IOException {
        call.invite(0);
        SipMessage ok = SipMessage.parse(SipMessageTest.resource("200-invite.txt"));
        UacCall.Step first = call.onResponse(ok, 10);

        UacCall.Step again = call.onResponse(ok, 20);

        assertThat(again.outcome()).isEqualTo(UacCall.Outcome.NONE);
        assertThat(again.send()).isEqualTo(first.send());
    }

    @Test
    void aRefusalIsAckedInTheInviteTransactionAndFails() {
        String invite = call.invite(0);

        UacCall.Step step = call.onResponse(response("SIP/2.0 503 Service Unavailable", "To: <sip:201@127.0.0.1:5060>;tag=x9"), 5);

        assertThat(step.outcome()).isEqualTo(UacCall.Outcome.FAILED);
        SipMessage ack = SipMessage.parse(step.send().getFirst());
        assertThat(ack.startLine()).isEqualTo("ACK sip:201@127.0.0.1:5060 SIP/2.0");
        assertThat(ack.header("Via")).isEqualTo(SipMessage.parse(invite).header("Via"));
        assertThat(ack.toTag()).contains("x9");
        assertThat(call.failure()).isEqualTo("503 Service Unavailable");
        assertThat(call.setupNanos()).isEqualTo(-1);
    }

    @Test
    void anUnansweredInviteFailsAfterThirtyTwoSeconds() {
        call.invite(0);

        assertThat(call.retransmit(UacCall.TRANSACTION_TIMEOUT_NANOS - 1).send()).hasSize(1);
        UacCall.Step step = call.retransmit(UacCall.TRANSACTION_TIMEOUT_NANOS);

        assertThat(step).isEqualTo(new UacCall.Step(List.of(), UacCall.Outcome.FAILED));
        assertThat(call.failure()).isEqualTo("INVITE unanswered");
    }

    @Test
    void byeGoesToTheContactInTheDialogAndEndsOnItsResponse() throws IOException {
        call.invite(0);
        call.onResponse(SipMessage.parse(SipMessageTest.resource("200-invite.txt")), 10);

        SipMessage bye = SipMessage.parse(call.bye(100));

        assertThat(bye.startLine()).isEqualTo("BYE sip:postbox@127.0.0.1:34369;transport=udp SIP/2.0");
        assertThat(bye.header("CSeq")).contains("2 BYE");
        assertThat(bye.toTag()).contains("da1d6442d2357440");
        assertThat(call.retransmit(600_000_000L).send()).hasSize(1);
        assertThat(call.onResponse(SipMessage.parse(SipMessageTest.resource("200-bye.txt")), 700).outcome())
                .isEqualTo(UacCall.Outcome.ENDED);
        assertThat(call.state()).isEqualTo(UacCall.State.ENDED);
        assertThat(call.endedByServer()).isFalse();
        assertThat(call.bye(800)).isNull();
    }

    @Test
    void aByeFromTheServerIsAnsweredAndEndsTheCall() throws IOException {
        call.invite(0);
        call.onResponse(SipMessage.parse(SipMessageTest.resource("200-invite.txt")), 10);
        SipMessage serverBye = SipMessage.parse("BYE sip:10007@127.0.0.1:40000 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKs1\r\n"
                + "From: <sip:201@127.0.0.1:5060>;tag=a3f1c9\r\n"
                + "To: <sip:10007@127.0.0.1:40000>;tag=1a2b9c8d\r\n"
                + "Call-ID: bench-1a2b-7@127.0.0.1\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");

        UacCall.Step step = call.onRequest(serverBye);

        assertThat(step.outcome()).isEqualTo(UacCall.Outcome.ENDED);
        SipMessage ok = SipMessage.parse(step.send().getFirst());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Via")).contains("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKs1");
        assertThat(ok.header("CSeq")).contains("1 BYE");
        assertThat(ok.toTag()).contains("1a2b9c8d");
        assertThat(call.endedByServer()).isTrue();
    }

    @Test
    void optionsAndOtherRequestsGetNoAnswer() {
        call.invite(0);
        SipMessage options = SipMessage.parse("OPTIONS sip:10007@127.0.0.1:40000 SIP/2.0\r\n"
                + "Call-ID: bench-1a2b-7@127.0.0.1\r\nCSeq: 5 OPTIONS\r\n\r\n");

        assertThat(call.onRequest(options)).isEqualTo(UacCall.Step.NOTHING);
    }

    private static SipMessage response(String statusLine, String... extra) {
        StringBuilder text = new StringBuilder(statusLine).append("\r\nCall-ID: bench-1a2b-7@127.0.0.1\r\n");
        boolean cseq = false;
        for (String header : extra) {
            text.append(header).append("\r\n");
            cseq |= header.startsWith("CSeq");
        }
        if (!cseq) {
            text.append("CSeq: 1 INVITE\r\n");
        }
        return SipMessage.parse(text.append("Content-Length: 0\r\n\r\n").toString());
    }
}
