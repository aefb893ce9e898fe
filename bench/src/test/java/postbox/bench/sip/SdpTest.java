package postbox.bench.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class SdpTest {

    @Test
    void offerNamesPcmuAndTelephoneEventAtTheGivenPort() {
        String offer = Sdp.offer("127.0.0.1", 41234, 99);

        assertThat(offer).contains("c=IN IP4 127.0.0.1\r\n", "m=audio 41234 RTP/AVP 0 101\r\n",
                "a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:101 telephone-event/8000\r\n", "a=ptime:20\r\n");
        assertThat(Sdp.answer(offer)).isEqualTo(new Sdp.Answer(new InetSocketAddress("127.0.0.1", 41234), 0));
    }

    @Test
    void mediaLevelConnectionWinsOverTheSessionOne() {
        String sdp = "v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 3000 RTP/AVP 8 0\r\nc=IN IP4 127.0.0.2\r\n";

        assertThat(Sdp.answer(sdp)).isEqualTo(new Sdp.Answer(new InetSocketAddress("127.0.0.2", 3000), 8));
    }

    @Test
    void theFirstAudioStreamCountsNotVideo() {
        String sdp = "v=0\nc=IN IP4 127.0.0.1\nm=video 5000 RTP/AVP 96\nm=audio 6000 RTP/AVP 0\nm=audio 7000 RTP/AVP 0\n";

        assertThat(Sdp.answer(sdp).media().getPort()).isEqualTo(6000);
    }

    @Test
    void noAudioNoAnswer() {
        assertThatThrownBy(() -> Sdp.answer("v=0\r\nc=IN IP4 127.0.0.1\r\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
