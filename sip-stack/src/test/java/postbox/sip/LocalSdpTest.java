package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import javax.sdp.MediaDescription;
import javax.sdp.SessionDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalSdpTest {

    private static final InetSocketAddress LOCAL_MEDIA = new InetSocketAddress("127.0.0.1", 40000);

    private static Negotiation.Agreed agreed(String offer) {
        return (Negotiation.Agreed) SdpNegotiator.negotiate(TestFiles.read("/sdp/offers/" + offer),
                List.of("PCMU", "PCMA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asterisk-pcmu-pcma.sdp", "hold-sendonly.sdp", "static-pcma-no-rtpmap.sdp",
            "video-then-audio.sdp", "session-level-recvonly.sdp", "inactive.sdp"})
    void answersTheOfferAsInTheAnswerFile(String offer) {
        String answer = new LocalSdp("127.0.0.1", LOCAL_MEDIA, 1234).answer(agreed(offer));

        assertThat(answer).isEqualTo(TestFiles.read("/sdp/answers/" + offer).replace("\n", "\r\n"));
    }

    @Test
    void everyNewDescriptionHasTheNextVersionOfTheSameSession() throws Exception {
        LocalSdp sdp = new LocalSdp("127.0.0.1", LOCAL_MEDIA, 77);
        Negotiation.Agreed agreed = agreed("asterisk-pcmu-pcma.sdp");

        SessionDescription first = SdpParts.parse(sdp.answer(agreed));
        SessionDescription second = SdpParts.parse(sdp.answer(agreed));
        SessionDescription offer = SdpParts.parse(sdp.offer(agreed.media()));

        assertThat(List.of(first, second, offer)).allSatisfy(d -> assertThat(d.getOrigin().getSessionId())
                .isEqualTo(77));
        assertThat(second.getOrigin().getSessionVersion()).isEqualTo(first.getOrigin().getSessionVersion() + 1);
        assertThat(offer.getOrigin().getSessionVersion()).isEqualTo(second.getOrigin().getSessionVersion() + 1);
    }

    @Test
    void theOfferForAReinviteWithoutSdpIsTheCurrentStreamSendrecv() throws Exception {
        MediaOffer held = agreed("hold-sendonly.sdp").media();

        SessionDescription offer = SdpParts.parse(new LocalSdp("127.0.0.1", LOCAL_MEDIA, 5).offer(held));

        MediaDescription audio = SdpParts.firstMedia(offer);
        assertThat(audio.getMedia().getMediaPort()).isEqualTo(40000);
        assertThat(SdpParts.formats(audio)).containsExactly("0", "101");
        assertThat(SdpParts.direction(audio)).isEqualTo("sendrecv");
        assertThat(offer.getConnection().getAddress()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @CsvSource({"SENDRECV,SENDRECV", "SENDONLY,RECVONLY", "RECVONLY,SENDONLY", "INACTIVE,INACTIVE"})
    void mirrorsThePeersDirection(MediaDirection remote, MediaDirection answered) {
        assertThat(LocalSdp.mirror(remote)).isEqualTo(answered);
    }
}
