package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real {@link SipEndpoint} on 127.0.0.1 driven over TCP by the raw-socket test UAC. */
class SipEndpointTcpIT {

    private final RecordingHandler handler = new RecordingHandler();
    private SipEndpoint endpoint;
    private RawUac uac;

    @BeforeEach
    void start() throws IOException {
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), handler);
        uac = RawUac.connect(Transport.TCP, endpoint.address());
    }

    @AfterEach
    void stop() throws IOException {
        uac.close();
        endpoint.close();
    }

    @Test
    void aWholeCallRunsOverOneTcpConnection() {
        UacCall call = new UacCall(uac, "vm");
        call.invite("pcma-only.sdp", "History-Info: <sip:202@127.0.0.1>;index=1",
                "History-Info: <sip:vm@127.0.0.1;cause=486>;index=1.1");

        uac.response("INVITE", 100);
        uac.response("INVITE", 180);
        SipText ok = call.answered();
        call.ack();

        assertThat(ok.header("Contact")).endsWith(";transport=tcp>");
        IncomingCall incoming = handler.nextCall();
        assertThat(incoming.transport()).isEqualTo(Transport.TCP);
        assertThat(incoming.source()).isEqualTo(new InetSocketAddress("127.0.0.1", uac.localPort()));
        assertThat(incoming.diversion()).contains(new Diversion("202", DivertReason.BUSY));
        assertThat(incoming.media().codec()).isEqualTo("PCMA");
        assertThat(handler.nextEvent()).isEqualTo("established");

        call.reinvite("hold-sendonly.sdp");
        call.answered();
        call.ack();
        assertThat(handler.nextEvent()).isEqualTo("media SENDONLY PCMA 30000");

        call.bye();
        uac.finalResponse("BYE", 200);
        assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
        assertThat(uac.connectionClosed()).isFalse();
    }

    @Test
    void hangupSendsByeOnTheCallersConnection() {
        UacCall call = new UacCall(uac, "201");
        call.invite("pcmu-pcma-dtmf.sdp");
        call.answered();
        call.ack();
        assertThat(handler.nextEvent()).isEqualTo("established");

        handler.nextControl().hangup();

        SipText bye = uac.request("BYE");
        call.ok(bye);
        assertThat(bye.header("Via")).startsWith("SIP/2.0/TCP");
        assertThat(handler.nextEvent()).isEqualTo("ended LOCAL_BYE");
        assertThat(endpoint.activeCalls()).isZero();
    }
}
