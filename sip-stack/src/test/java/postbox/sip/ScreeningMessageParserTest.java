package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class ScreeningMessageParserTest {

    /** Stands in for JAIN-SIP's message channel: only its presence matters to the screen. */
    private static final ParseExceptionListener CHANNEL = (ex, message, headerClass, header, raw) -> {
        throw ex;
    };

    private final MalformedMessages counts = new MalformedMessages();
    private final ScreeningMessageParser parser = new ScreeningMessageParser(counts);

    private static byte[] file(String name) {
        Map<String, String> values = SipText.values("TRANSPORT", "UDP", "uacPort", 5099, "serverPort", 5060,
                "branch", "z9hG4bK1", "callId", "c1", "fromTag", "f1");
        return SipText.verbatim("/sip/malformed/" + name, values).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvFileSource(resources = "/sip/malformed/cases.csv", numLinesToSkip = 1)
    void marksOrDropsEachMalformedDatagram(String file, String outcome, String warning) throws ParseException {
        SIPMessage message = parser.parseSIPMessage(file(file), true, false, CHANNEL);

        if (outcome.equals("drop")) {
            assertThat(message).isNull();
            assertThat(counts.counts().dropped()).isEqualTo(1);
        } else if (warning.startsWith("Malformed SDP")) {
            assertThat(message.getApplicationData()).as("valid SIP: the SDP is the UAS's business").isNull();
        } else {
            assertThat(message).isInstanceOf(SIPRequest.class);
            assertThat(message.getApplicationData()).isInstanceOfSatisfying(Malformation.class,
                    malformation -> assertThat(malformation.reason()).contains(warning));
            assertThat(message.getCallId()).isNotNull();
            assertThat(message.getCSeq()).isNotNull();
            assertThat(message.getFrom()).isNotNull();
            assertThat(message.getTo()).isNotNull();
        }
    }

    @ParameterizedTest
    @CsvSource({"true,false", "false,true"})
    void aBrokenContentLengthClosesOnlyAStream(boolean datagram, boolean close) throws ParseException {
        SIPMessage message = parser.parseSIPMessage(file("bad-content-length.sip"), datagram, false, CHANNEL);

        assertThat(((Malformation) message.getApplicationData()).closeConnection()).isEqualTo(close);
    }

    @ParameterizedTest
    @CsvSource({"12", "0"})
    void aWellFormedDatagramKeepsExactlyContentLengthBytesOfBody(int extra) throws ParseException {
        String body = "v=0\r\n";
        String text = "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK2\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: c2\r\nCSeq: 1 OPTIONS\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                + "x".repeat(extra);

        SIPMessage message = parser.parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, CHANNEL);

        assertThat(message.getApplicationData()).isNull();
        assertThat(new String(message.getRawContent(), StandardCharsets.UTF_8)).isEqualTo(body);
    }
}
