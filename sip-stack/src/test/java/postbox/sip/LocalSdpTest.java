package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import javax.sdp.MediaDescription;
import javax.sdp.SessionDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalSdpTest {

    private static final InetSocketAddress LOCAL_MEDIA = new InetSocketAddress("127.0.0.1", 40000);

    private static Negotiation.Agreed agreed(String offer, String codecs, boolean srtp) {
        return (Negotiation.Agreed) SdpNegotiatorTest.negotiate(offer, codecs, srtp);
    }

    private static Negotiation.Agreed agreed(String offer) {
        return agreed(offer, "PCMU PCMA", true);
    }

    @ParameterizedTest(name = "{0} with {1}, srtp {2} -> {3}")
    @CsvSource({
            "asterisk-pcmu-pcma.sdp, PCMU PCMA, true, asterisk-pcmu-pcma.sdp",
            "hold-sendonly.sdp, PCMU PCMA, true, hold-sendonly.sdp",
            "static-pcma-no-rtpmap.sdp, PCMU PCMA, true, static-pcma-no-rtpmap.sdp",
            "video-then-audio.sdp, PCMU PCMA, true, video-then-audio.sdp",
            "session-level-recvonly.sdp, PCMU PCMA, true, session-level-recvonly.sdp",
            "inactive.sdp, PCMU PCMA, true, inactive.sdp",
            "wideband-all.sdp, opus G722 PCMU, true, opus.sdp",
            "wideband-all.sdp, speex/16000 opus, true, speex-wideband.sdp",
            "wideband-all.sdp, speex PCMU, true, speex-narrowband.sdp",
            "wideband-reversed.sdp, G722 PCMU, true, g722.sdp",
            "srtp-two-lines.sdp, PCMU, true, srtp-two-lines.sdp",
            "srtp-32-only.sdp, PCMU PCMA, true, srtp-32-only.sdp",
            "srtp-then-plain-streams.sdp, PCMU, false, srtp-then-plain-streams-srtp-off.sdp"})
    void answersTheOfferAsInTheAnswerFile(String offer, String codecs, boolean srtp, String answerFile) {
        String answer = new LocalSdp("127.0.0.1", LOCAL_MEDIA, 1234).answer(agreed(offer, codecs, srtp));

        assertThat(answer).isEqualTo(TestFiles.read("/sdp/answers/" + answerFile).replace("\n", "\r\n"));
    }

    @Test
    void anSrtpAnswerEchoesTheTagWithAFresh30ByteKeyOfItsOwn() throws Exception {
        String offer = TestFiles.read("/sdp/offers/srtp-savp.sdp");
        Negotiation.Agreed agreed = (Negotiation.Agreed) SdpNegotiator.negotiate(offer,
                SdpCodecs.parse(List.of("PCMU")), true, LocalKeys.fresh());

        MediaDescription audio = SdpParts.firstMedia(SdpParts.parse(
                new LocalSdp("127.0.0.1", LOCAL_MEDIA, 9).answer(agreed)));

        assertThat(audio.getMedia().getProtocol()).isEqualTo("RTP/SAVP");
        String[] crypto = audio.getAttribute("crypto").split(" ");
        assertThat(crypto[0]).isEqualTo("1");
        assertThat(crypto[1]).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(crypto[2]).startsWith("inline:").hasSize("inline:".length() + 40);
        byte[] key = Base64.getDecoder().decode(crypto[2].substring("inline:".length()));
        assertThat(key).hasSize(30).isEqualTo(agreed.media().crypto().orElseThrow().localKeySalt());
        assertThat(offer).doesNotContain(crypto[2]);
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
        assertThat(audio.getMedia().getProtocol()).isEqualTo("RTP/AVP");
        assertThat(SdpParts.formats(audio)).containsExactly("0", "101");
        assertThat(SdpParts.direction(audio)).isEqualTo("sendrecv");
        assertThat(offer.getConnection().getAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void theFirstOfferOfADelayedOfferCallListsEveryCodecInPreferenceOrder() throws Exception {
        SdpCodecs preference = SdpCodecs.parse(List.of("PCMU", "G722", "opus", "speex/16000", "PCMA"));

        String text = new LocalSdp("127.0.0.1", LOCAL_MEDIA, 5).offer(preference);

        MediaDescription audio = SdpParts.firstMedia(SdpParts.parse(text));
        assertThat(audio.getMedia().getMediaPort()).isEqualTo(40000);
        assertThat(audio.getMedia().getProtocol()).isEqualTo("RTP/AVP");
        assertThat(SdpParts.formats(audio)).containsExactly("0", "9", "96", "97", "8", "101");
        assertThat(SdpParts.direction(audio)).isEqualTo("sendrecv");
        assertThat(text).contains("a=rtpmap:96 opus/48000/2\r\n", "a=rtpmap:97 speex/16000\r\n",
                "a=rtpmap:9 G722/8000\r\n", "a=rtpmap:101 telephone-event/8000\r\n", "a=ptime:20\r\n");
        // and an answer to it negotiates like any offer
        assertThat(SdpNegotiator.negotiate(text, SdpCodecs.parse(List.of("opus")), false, LocalKeys.fresh()))
                .isInstanceOfSatisfying(Negotiation.Agreed.class, agreed -> {
                    assertThat(agreed.media().payloadType()).isEqualTo(96);
                    assertThat(agreed.media().dtmfPayloadType()).isEqualTo(101);
                });
    }

    @Test
    void theOfferOfAnSrtpCallKeepsItsCodecTagAndLocalKey() throws Exception {
        MediaOffer srtp = agreed("srtp-two-lines.sdp", "PCMU", true).media();

        MediaDescription audio = SdpParts.firstMedia(SdpParts.parse(
                new LocalSdp("127.0.0.1", LOCAL_MEDIA, 5).offer(srtp)));

        assertThat(audio.getMedia().getProtocol()).isEqualTo("RTP/SAVP");
        assertThat(audio.getAttribute("crypto")).isEqualTo("2 AES_CM_128_HMAC_SHA1_80 inline:"
                + Base64.getEncoder().encodeToString(SdpNegotiatorTest.LOCAL_KEY));
    }

    @ParameterizedTest
    @CsvSource({"SENDRECV,SENDRECV", "SENDONLY,RECVONLY", "RECVONLY,SENDONLY", "INACTIVE,INACTIVE"})
    void mirrorsThePeersDirection(MediaDirection remote, MediaDirection answered) {
        assertThat(LocalSdp.mirror(remote)).isEqualTo(answered);
    }
}
