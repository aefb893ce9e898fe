package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sdp.MediaDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's SDP through a real {@link SipEndpoint} on 127.0.0.1 (codecs opus, G722, PCMU, PCMA; SRTP on), driven
 * over UDP by the raw-socket test UAC: wideband codecs, SDES keys in answers, re-key and codec change by re-INVITE.
 * One endpoint serves the whole class (a start and close cost about a second); each test has its own handler and
 * UAC.
 */
class MediaNegotiationIT {

    private static SipEndpoint endpoint;
    private static volatile RecordingHandler current;
    private final RecordingHandler handler = new RecordingHandler();
    private RawUac uac;

    @BeforeAll
    static void startEndpoint() throws IOException {
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort(),
                List.of("opus", "G722", "PCMU", "PCMA"), true), (call, control) -> current.onInvite(call, control));
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    @BeforeEach
    void start() throws IOException {
        current = handler;
        uac = RawUac.connect(Transport.UDP, endpoint.address());
    }

    @AfterEach
    void stop() throws IOException {
        uac.close();
    }

    private static MediaDescription audio(SipText message) throws Exception {
        assertThat(message.header("Content-Type")).isEqualTo("application/sdp");
        return SdpParts.firstMedia(SdpParts.parse(message.body()));
    }

    /** The inline key of the (only) crypto line of an SDP file under sip/offers. */
    private static byte[] offeredKey(String offerFile) {
        Matcher matcher = Pattern.compile("inline:([A-Za-z0-9+/=]+)")
                .matcher(TestFiles.read("/sip/offers/" + offerFile));
        assertThat(matcher.find()).isTrue();
        return Base64.getDecoder().decode(matcher.group(1));
    }

    /** The answer's crypto line, checked for shape (tag 5 echoed, _80, 40 base64 chars), as its key. */
    private static byte[] answeredKey(MediaDescription audio) throws Exception {
        assertThat(audio.getMedia().getProtocol()).isEqualTo("RTP/SAVP");
        assertThat(SdpParts.attributeNames(audio).stream().filter("crypto"::equals)).hasSize(1);
        Matcher line = Pattern.compile("5 AES_CM_128_HMAC_SHA1_80 inline:([A-Za-z0-9+/]{40})")
                .matcher(audio.getAttribute("crypto"));
        assertThat(line.matches()).as("crypto line %s", audio.getAttribute("crypto")).isTrue();
        byte[] key = Base64.getDecoder().decode(line.group(1));
        assertThat(key).hasSize(Crypto.KEY_SALT_BYTES);
        return key;
    }

    /** An established SRTP call and the keys the handler got with it. */
    private record SrtpCall(UacCall call, Crypto crypto) {
    }

    private SrtpCall srtpCall() throws Exception {
        UacCall call = new UacCall(uac, "201");
        call.invite("srtp-pcmu.sdp");
        byte[] local = answeredKey(audio(call.answered()));
        call.ack();
        assertThat(handler.nextEvent()).isEqualTo("established");
        Crypto crypto = handler.nextCall().media().crypto().orElseThrow();
        assertThat(crypto).isEqualTo(new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80, offeredKey("srtp-pcmu.sdp"),
                local, 5));
        return new SrtpCall(call, crypto);
    }

    @Test
    void anSrtpOfferIsAnsweredWithItsTagAndAFreshKeyAndTheHandlerGetsBothKeys() throws Exception {
        UacCall call = srtpCall().call();

        call.bye();
        uac.finalResponse("BYE", 200);
        assertThat(handler.nextEvent()).isEqualTo("ended REMOTE_BYE");
    }

    @Test
    void aReinviteWithTheSameCryptoKeepsOurKeyAndANewPeerKeyGetsANewOne() throws Exception {
        SrtpCall srtp = srtpCall();
        UacCall call = srtp.call();
        Crypto first = srtp.crypto();

        call.reinvite("srtp-pcmu-hold-same-key.sdp");
        byte[] kept = answeredKey(audio(call.answered()));
        call.ack();
        MediaOffer held = handler.nextMediaChange();

        assertThat(kept).isEqualTo(first.localKeySalt());
        assertThat(held.direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(held.crypto()).contains(first);

        call.reinvite("srtp-pcmu-new-key.sdp");
        byte[] rekeyed = answeredKey(audio(call.answered()));
        call.ack();
        MediaOffer resumed = handler.nextMediaChange();

        assertThat(rekeyed).isNotEqualTo(first.localKeySalt());
        assertThat(resumed.crypto()).contains(new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80,
                offeredKey("srtp-pcmu-new-key.sdp"), rekeyed, 5));
    }

    @Test
    void aReinviteWithoutSdpOnAnSrtpCallOffersOurKeyAndTakesThePeersNewOneFromTheAck() throws Exception {
        SrtpCall srtp = srtpCall();
        UacCall call = srtp.call();
        Crypto first = srtp.crypto();

        call.reinvite(null);
        byte[] offered = answeredKey(audio(call.answered()));
        call.ackWithAnswer("srtp-answer-new-key.sdp");
        MediaOffer answered = handler.nextMediaChange();

        assertThat(offered).isEqualTo(first.localKeySalt());
        assertThat(answered.remote().getPort()).isEqualTo(30004);
        assertThat(answered.crypto()).contains(new Crypto(Crypto.AES_CM_128_HMAC_SHA1_80,
                offeredKey("srtp-answer-new-key.sdp"), first.localKeySalt(), 5));
    }

    @Test
    void aReinviteChangesPcmuToG722WithoutTelephoneEvent() throws Exception {
        UacCall call = new UacCall(uac, "201");
        call.invite("pcmu-pcma-dtmf.sdp");
        call.answered();
        call.ack();
        assertThat(handler.nextEvent()).isEqualTo("established");
        assertThat(handler.nextCall().media().dtmfPayloadType()).isEqualTo(101);

        call.reinvite("g722-no-dtmf.sdp");
        MediaDescription answer = audio(call.answered());
        call.ack();
        MediaOffer changed = handler.nextMediaChange();

        assertThat(SdpParts.formats(answer)).containsExactly("9");
        assertThat(answer.getAttribute("rtpmap")).isEqualTo("9 G722/8000");
        assertThat(answer.getMedia().getProtocol()).isEqualTo("RTP/AVP");
        assertThat(changed.codec()).isEqualTo("G722");
        assertThat(changed.payloadType()).isEqualTo(9);
        assertThat(changed.dtmfPayloadType()).isEqualTo(-1);
        assertThat(changed.remote().getPort()).isEqualTo(30006);
    }

    @Test
    void anOpusCallIsAnsweredFor16kMonoWithTelephoneEventAt48k() throws Exception {
        UacCall call = new UacCall(uac, "201");
        call.invite("opus-pcmu.sdp");
        MediaDescription answer = audio(call.answered());
        call.ack();

        assertThat(SdpParts.formats(answer)).containsExactly("107", "102");
        assertThat(answer.getAttribute("rtpmap")).isEqualTo("107 opus/48000/2");
        assertThat(answer.getAttribute("fmtp")).startsWith("107 ").contains("maxplaybackrate=16000", "stereo=0",
                "useinbandfec=0");
        MediaOffer media = handler.nextCall().media();
        assertThat(media.codec()).isEqualTo("opus");
        assertThat(media.clockRate()).isEqualTo(48000);
        assertThat(media.fmtp()).isEqualTo("useinbandfec=1; stereo=1");
        assertThat(media.dtmfPayloadType()).isEqualTo(102);
        assertThat(media.dtmfClockRate()).isEqualTo(48000);
        assertThat(media.crypto()).isEmpty();
    }

    @Test
    void aDtlsSrtpOfferGets488WithAWarningAndNeverReachesTheHandler() {
        new UacCall(uac, "201").invite("dtls.sdp");

        SipText refused = uac.finalResponse("INVITE", 488);

        assertThat(refused.header("Warning")).startsWith("302 127.0.0.1 \"DTLS-SRTP (UDP/TLS/RTP/SAVP) is not"
                + " supported");
        assertThat(handler.noCall()).isTrue();
    }

    @Test
    void withSrtpOffAnSrtpOfferGets488SayingSo() throws Exception {
        try (SipEndpoint plain = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort(),
                List.of("PCMU"), false), handler);
             RawUac caller = RawUac.connect(Transport.UDP, plain.address())) {
            new UacCall(caller, "201").invite("srtp-pcmu.sdp");

            SipText refused = caller.finalResponse("INVITE", 488);

            assertThat(refused.header("Warning")).startsWith("302 127.0.0.1 \"RTP/SAVP (SRTP) offered, but SRTP is"
                    + " turned off here");
            assertThat(handler.noCall()).isTrue();
        }
    }
}
