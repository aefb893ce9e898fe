package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvFileSource;

class SdpNegotiatorTest {

    /** The key Postbox "mints" in these tests, so that a wrong key source shows. */
    static final byte[] LOCAL_KEY = Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd");

    static Negotiation negotiate(String offerFile, String codecs, boolean srtp) {
        return SdpNegotiator.negotiate(TestFiles.read("/sdp/offers/" + offerFile),
                SdpCodecs.parse(Arrays.asList(codecs.split(" "))), srtp, LocalKeys.fixed(LOCAL_KEY));
    }

    /** The inline key of the offer's crypto line with this tag. */
    static byte[] offeredKey(String offerFile, int tag) {
        Matcher matcher = Pattern.compile("a=crypto:" + tag + " \\S+ inline:([A-Za-z0-9+/=]+)")
                .matcher(TestFiles.read("/sdp/offers/" + offerFile));
        assertThat(matcher.find()).as("crypto tag %d in %s", tag, offerFile).isTrue();
        return Base64.getDecoder().decode(matcher.group(1));
    }

    @ParameterizedTest(name = "{0} with {1}, srtp {2} -> {3} {4} {13}")
    @CsvFileSource(resources = "/sdp/cases.csv", numLinesToSkip = 1)
    void negotiatesTheOfferFiles(ArgumentsAccessor row) {
        String offer = row.getString(0);
        Negotiation negotiation = negotiate(offer, row.getString(1), row.getBoolean(2));

        String outcome = row.getString(3);
        switch (outcome) {
            case "agree" -> {
                assertThat(negotiation).isInstanceOf(Negotiation.Agreed.class);
                String[] hostPort = row.getString(10).split(":");
                Optional<Crypto> crypto = Optional.ofNullable(row.getString(13)).map(tagAndSuite -> {
                    int tag = Integer.parseInt(tagAndSuite.split(" ")[0]);
                    return new Crypto(tagAndSuite.split(" ")[1], offeredKey(offer, tag), LOCAL_KEY, tag);
                });
                assertThat(((Negotiation.Agreed) negotiation).media()).isEqualTo(new MediaOffer(
                        new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), row.getString(4),
                        row.getInteger(5), row.getInteger(6), row.getInteger(7), row.getInteger(11),
                        row.get(9, MediaDirection.class), Optional.ofNullable(row.getString(12)).orElse(""),
                        row.getInteger(8), crypto));
            }
            case "400" -> assertThat(negotiation).isInstanceOf(Negotiation.Unreadable.class);
            default -> assertThat(negotiation).isInstanceOfSatisfying(Negotiation.Refused.class, refused -> {
                assertThat(refused.warningCode()).isEqualTo(Integer.parseInt(outcome.substring("488/".length())));
                assertThat(refused.text()).contains(row.getString(14));
            });
        }
    }

    @Test
    void theG729RefusalNamesTheOfferedCodecs() {
        Negotiation negotiation = negotiate("g729-only.sdp", "PCMU PCMA", true);

        assertThat(negotiation).isEqualTo(new Negotiation.Refused(305,
                "no common codec: offered G729/8000, telephone-event/8000; Postbox takes PCMU, PCMA"));
    }

    @Test
    void theOfferedStreamsAreKeptInOrderForTheAnswer() {
        Negotiation negotiation = negotiate("video-then-audio.sdp", "PCMU", true);

        assertThat(negotiation).isInstanceOfSatisfying(Negotiation.Agreed.class, agreed -> {
            assertThat(agreed.audioIndex()).isEqualTo(1);
            assertThat(agreed.streams()).containsExactly(
                    new Negotiation.OfferedStream("video", "RTP/AVP", "96"),
                    new Negotiation.OfferedStream("audio", "RTP/AVP", "9"));
        });
    }

    @Test
    void withSrtpOffThePlainSecondAudioStreamIsTakenAndTheFirstRejected() {
        Negotiation negotiation = negotiate("srtp-then-plain-streams.sdp", "PCMU", false);

        assertThat(negotiation).isInstanceOfSatisfying(Negotiation.Agreed.class, agreed -> {
            assertThat(agreed.audioIndex()).isEqualTo(1);
            assertThat(agreed.streams()).extracting(Negotiation.OfferedStream::protocol)
                    .containsExactly("RTP/SAVP", "RTP/AVP");
        });
    }

    @Test
    void aNewCallGetsAFreshRandomKeyForEveryAnswer() {
        String offer = TestFiles.read("/sdp/offers/srtp-savp.sdp");
        SdpCodecs codecs = SdpCodecs.parse(List.of("PCMU"));

        Crypto first = ((Negotiation.Agreed) SdpNegotiator.negotiate(offer, codecs, true, LocalKeys.fresh()))
                .media().crypto().orElseThrow();
        Crypto second = ((Negotiation.Agreed) SdpNegotiator.negotiate(offer, codecs, true, LocalKeys.fresh()))
                .media().crypto().orElseThrow();

        assertThat(first.localKeySalt()).hasSize(Crypto.KEY_SALT_BYTES).isNotEqualTo(second.localKeySalt())
                .isNotEqualTo(first.remoteKeySalt());
    }

    @Test
    void readsOnlyIpv4LiteralsWithoutALookup() {
        assertThat(SdpNegotiator.ipv4Literal("192.0.2.7")).isPresent();
        assertThat(SdpNegotiator.ipv4Literal("256.0.0.1")).isEmpty();
        assertThat(SdpNegotiator.ipv4Literal("pbx.example.com")).isEmpty();
        assertThat(SdpNegotiator.ipv4Literal("1.2.3")).isEmpty();
    }
}
