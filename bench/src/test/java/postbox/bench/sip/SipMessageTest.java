package postbox.bench.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SipMessageTest {

    static String resource(String name) throws IOException {
        try (InputStream in = SipMessageTest.class.getResourceAsStream("/sip/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        }
    }

    @Test
    void okWithSdpAnswer() throws IOException {
        SipMessage ok = SipMessage.parse(resource("200-invite.txt"));

        assertThat(ok.isResponse()).isTrue();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.cseqMethod()).isEqualTo("INVITE");
        assertThat(ok.callId()).isEqualTo("bench-7df7e1ed-0@127.0.0.1");
        assertThat(ok.toTag()).contains("da1d6442d2357440");
        assertThat(ok.contactUri()).contains("sip:postbox@127.0.0.1:34369;transport=udp");
        assertThat(ok.body()).startsWith("v=0").endsWith("a=sendrecv\r\n");
        assertThat(Sdp.answer(ok.body()).media().getPort()).isEqualTo(20000);
    }

    @Test
    void compactHeadersAndBareLineFeeds() {
        SipMessage bye = SipMessage.parse("BYE sip:10007@127.0.0.1:40000 SIP/2.0\n"
                + "v: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\n"
                + "f: <sip:201@127.0.0.1:5060>;tag=a3f1c9\n"
                + "t: <sip:10007@127.0.0.1:40000>;tag=ff01\n"
                + "i: call-1\n"
                + "CSeq: 1 BYE\n"
                + "l: 0\n\n");

        assertThat(bye.isResponse()).isFalse();
        assertThat(bye.method()).isEqualTo("BYE");
        assertThat(bye.callId()).isEqualTo("call-1");
        assertThat(bye.headers("Via")).containsExactly("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1");
        assertThat(bye.body()).isEmpty();
    }

    @Test
    void contentLengthCutsTrailingBytes() {
        SipMessage message = SipMessage.parse("SIP/2.0 180 Ringing\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 3\r\n\r\nabcdef");

        assertThat(message.body()).isEqualTo("abc");
        assertThat(message.status()).isEqualTo(180);
    }

    @Test
    void notSip() {
        assertThatThrownBy(() -> SipMessage.parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipMessage.parse("SIP/2.0 200 OK\r\nno colon here\r\n\r\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagParameterIsReadAfterTheUriOnly() {
        assertThat(SipMessage.parameter("<sip:a@b;tag=wrong>;tag=right", "tag")).contains("right");
        assertThat(SipMessage.parameter("<sip:a@b>", "tag")).isEmpty();
    }
}
