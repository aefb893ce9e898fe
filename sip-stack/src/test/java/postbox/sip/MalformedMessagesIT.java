package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Each file under {@code sip/malformed/} sent to a real endpoint: 400 where a response can be routed, else dropped. */
class MalformedMessagesIT {

    private final RecordingHandler handler = new RecordingHandler();
    private SipEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        endpoint = SipEndpoint.start(RecordingHandler.config(RecordingHandler.freePort()), handler);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    static String malformed(String file, RawUac uac) {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Map<String, String> values = SipText.values("TRANSPORT", uac.transport().name(), "uacPort", uac.localPort(),
                "serverPort", uac.server().getPort(), "branch", "z9hG4bK" + random, "callId", "bad-" + random,
                "fromTag", random);
        return SipText.verbatim("/sip/malformed/" + file, values);
    }

    private static void assertStillAnswersOptions(RawUac uac) {
        new UacCall(uac, "postbox").outOfDialog("OPTIONS");
        uac.finalResponse("OPTIONS", 200);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvFileSource(resources = "/sip/malformed/cases.csv", numLinesToSkip = 1)
    void overUdp(String file, String outcome, String warning) throws IOException {
        try (RawUac uac = RawUac.connect(Transport.UDP, endpoint.address())) {
            MalformedMessageCounts before = endpoint.malformedMessages();

            uac.send(malformed(file, uac));

            if (outcome.equals("400")) {
                SipText bad = uac.await(m -> m.isResponse() && m.status() >= 200, "the final response");
                assertThat(bad.status()).as("%s", bad).isEqualTo(400);
                assertThat(bad.header("Warning")).startsWith("399 127.0.0.1 \"").contains(warning);
                assertThat(bad.header("Via")).contains("127.0.0.1:" + uac.localPort());
                assertThat(bad.toTag()).isNotBlank();
            } else {
                assertThat(uac.drain(Duration.ofMillis(500))).isEmpty();
                assertThat(endpoint.malformedMessages().dropped()).isEqualTo(before.dropped() + 1);
            }
            assertStillAnswersOptions(uac);
            assertThat(handler.noCall()).isTrue();
        }
    }

    @Test
    void aRejectedMalformedRequestIsCounted() throws IOException {
        try (RawUac uac = RawUac.connect(Transport.UDP, endpoint.address())) {
            uac.send(malformed("missing-call-id.sip", uac));
            uac.await(m -> m.status() == 400, "a 400");

            assertThat(endpoint.malformedMessages()).isEqualTo(new MalformedMessageCounts(1, 0));
        }
    }

    @Test
    void overTcpAMissingHeaderGets400AndTheConnectionStaysUsable() throws IOException {
        try (RawUac uac = RawUac.connect(Transport.TCP, endpoint.address())) {
            uac.send(malformed("missing-to.sip", uac));

            SipText bad = uac.await(m -> m.isResponse(), "a response");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("Warning")).contains("Missing To header");
            assertStillAnswersOptions(uac);
        }
    }

    @Test
    void overTcpABrokenContentLengthGets400AndTheUnframableConnectionIsClosed() throws Exception {
        try (RawUac uac = RawUac.connect(Transport.TCP, endpoint.address())) {
            uac.send(malformed("bad-content-length.sip", uac));

            SipText bad = uac.await(m -> m.isResponse(), "a response");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("Warning")).contains("Unparsable Content-Length header");
            assertThat(uac.drain(Duration.ofMillis(500))).isEmpty();
            assertThat(uac.connectionClosed()).isTrue();
        }
        try (RawUac fresh = RawUac.connect(Transport.TCP, endpoint.address())) {
            assertStillAnswersOptions(fresh);
        }
    }

    @Test
    void overTcpGarbageWithoutViaIsDroppedAndTheNextRequestIsAnswered() throws IOException {
        try (RawUac uac = RawUac.connect(Transport.TCP, endpoint.address())) {
            uac.send(malformed("missing-via.sip", uac));

            assertStillAnswersOptions(uac);
            assertThat(endpoint.malformedMessages().dropped()).isEqualTo(1);
        }
    }
}
