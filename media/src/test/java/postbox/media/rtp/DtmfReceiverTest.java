package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DtmfReceiverTest {
    private final DtmfReceiver receiver = new DtmfReceiver();

    @Test
    void reportsAKeyOnceForStartContinuationAndRetransmittedEndPackets() {
        assertThat(receive(5, false, 160, 1000)).isEqualTo('5');
        assertThat(receive(5, false, 320, 1000)).isEqualTo('\0');
        assertThat(receive(5, false, 480, 1000)).isEqualTo('\0');
        assertThat(receive(5, true, 800, 1000)).isEqualTo('\0');
        assertThat(receive(5, true, 800, 1000)).isEqualTo('\0');
        assertThat(receive(5, true, 800, 1000)).isEqualTo('\0');
    }

    @Test
    void reportsTheSameKeyAgainForANewEvent() {
        assertThat(receive(1, false, 160, 1000)).isEqualTo('1');
        assertThat(receive(1, true, 800, 1000)).isEqualTo('\0');
        assertThat(receive(1, false, 160, 3000)).isEqualTo('1');
    }

    @Test
    void reportsAKeyWhoseStartPacketWasLost() {
        assertThat(receive(11, true, 800, 5000)).isEqualTo('#');
        assertThat(receive(11, true, 800, 5000)).isEqualTo('\0');
    }

    @Test
    void mapsAllSixteenEvents() {
        String keys = "0123456789*#ABCD";
        for (int event = 0; event < 16; event++) {
            assertThat(receive(event, false, 160, 1000L * (event + 1))).isEqualTo(keys.charAt(event));
            assertThat(DtmfReceiver.eventCode(keys.charAt(event))).isEqualTo(event);
        }
        assertThat(DtmfReceiver.eventCode('a')).isEqualTo(12);
    }

    @Test
    void ignoresOtherEventsAndShortPayloads() {
        assertThat(receive(16, false, 160, 1000)).as("flash").isEqualTo('\0');
        assertThat(receiver.receive(new byte[] {3, 0, 0}, 0, 3, 2000)).isEqualTo(-1);
        assertThatThrownBy(() -> DtmfReceiver.eventCode('x')).hasMessageContaining("not a DTMF key");
    }

    @Test
    void readsThePayloadAtItsOffset() {
        byte[] packet = new byte[16];
        packet[12] = 9;
        assertThat(receiver.receive(packet, 12, 4, 7)).isEqualTo(9);
    }

    private char receive(int event, boolean end, int duration, long timestamp) {
        byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
        int code = receiver.receive(payload, 0, payload.length, timestamp);
        return code < 0 ? '\0' : DtmfReceiver.key(code);
    }
}
