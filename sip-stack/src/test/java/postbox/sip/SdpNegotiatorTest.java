package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class SdpNegotiatorTest {

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvFileSource(resources = "/sdp/cases.csv", numLinesToSkip = 1)
    void negotiatesTheOfferFiles(String offer, String codecs, String outcome, String codec, Integer pt,
                                 Integer dtmf, MediaDirection direction, String address, Integer ptime) {
        Negotiation negotiation = SdpNegotiator.negotiate(TestFiles.read("/sdp/offers/" + offer),
                Arrays.asList(codecs.split(" ")));

        switch (outcome) {
            case "agree" -> {
                assertThat(negotiation).isInstanceOf(Negotiation.Agreed.class);
                MediaOffer media = ((Negotiation.Agreed) negotiation).media();
                String[] hostPort = address.split(":");
                assertThat(media).isEqualTo(new MediaOffer(
                        new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), codec, pt, 8000, dtmf,
                        ptime, direction));
            }
            case "400" -> assertThat(negotiation).isInstanceOf(Negotiation.Unreadable.class);
            default -> {
                assertThat(negotiation).isInstanceOf(Negotiation.Refused.class);
                assertThat(((Negotiation.Refused) negotiation).warningCode())
                        .isEqualTo(Integer.parseInt(outcome.substring("488/".length())));
            }
        }
    }

    @Test
    void theG729RefusalNamesTheOfferedCodecs() {
        Negotiation negotiation = SdpNegotiator.negotiate(TestFiles.read("/sdp/offers/g729-only.sdp"),
                List.of("PCMU", "PCMA"));

        assertThat(negotiation).isEqualTo(new Negotiation.Refused(305,
                "no common codec: offered G729/8000, telephone-event/8000; Postbox takes PCMU, PCMA"));
    }

    @Test
    void theOfferedStreamsAreKeptInOrderForTheAnswer() {
        Negotiation negotiation = SdpNegotiator.negotiate(TestFiles.read("/sdp/offers/video-then-audio.sdp"),
                List.of("PCMU"));

        assertThat(negotiation).isInstanceOfSatisfying(Negotiation.Agreed.class, agreed -> {
            assertThat(agreed.audioIndex()).isEqualTo(1);
            assertThat(agreed.streams()).containsExactly(
                    new Negotiation.OfferedStream("video", "RTP/AVP", "96"),
                    new Negotiation.OfferedStream("audio", "RTP/AVP", "9"));
        });
    }

    @Test
    void readsOnlyIpv4LiteralsWithoutALookup() {
        assertThat(SdpNegotiator.ipv4Literal("192.0.2.7")).isPresent();
        assertThat(SdpNegotiator.ipv4Literal("256.0.0.1")).isEmpty();
        assertThat(SdpNegotiator.ipv4Literal("pbx.example.com")).isEmpty();
        assertThat(SdpNegotiator.ipv4Literal("1.2.3")).isEmpty();
    }
}
