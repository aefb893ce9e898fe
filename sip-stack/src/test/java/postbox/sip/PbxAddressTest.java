package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PbxAddressTest {

    @Test
    void hostAndPortMeanUdp() {
        assertThat(PbxAddress.parse("127.0.0.1:5080")).isEqualTo(new PbxAddress("127.0.0.1", 5080, Transport.UDP));
    }

    @Test
    void aTransportParameterPicksTcpOrUdp() {
        assertThat(PbxAddress.parse("pbx.example.com:5060;transport=TCP"))
                .isEqualTo(new PbxAddress("pbx.example.com", 5060, Transport.TCP));
        assertThat(PbxAddress.parse(" 10.0.0.2:5082;transport=udp "))
                .isEqualTo(new PbxAddress("10.0.0.2", 5082, Transport.UDP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:5080", "pbx.example.com:5060;transport=tcp"})
    void toStringGivesTheParsedFormBack(String text) {
        assertThat(PbxAddress.parse(text)).hasToString(text);
    }

    @Test
    void udpIsWrittenWithoutItsParameter() {
        assertThat(PbxAddress.parse("127.0.0.1:5080;transport=udp")).hasToString("127.0.0.1:5080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":5080", "127.0.0.1:5080;transport=", "sip:127.0.0.1:5080",
            "127.0.0.1:5080;foo=bar", "127.0.0.1:abc"})
    void otherFormsAreRefusedWithASentenceShowingTheExpectedForm(String text) {
        assertThatThrownBy(() -> PbxAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a PBX address").hasMessageContaining("host:port");
    }

    @Test
    void anUnknownTransportIsNamed() {
        assertThatThrownBy(() -> PbxAddress.parse("127.0.0.1:5061;transport=tls"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transport 'tls'");
    }

    @Test
    void portsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> PbxAddress.parse("127.0.0.1:70000")).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> PbxAddress.parse("127.0.0.1:0")).hasMessageContaining("1-65535");
    }
}
