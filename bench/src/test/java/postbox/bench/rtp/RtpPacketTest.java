package postbox.bench.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import postbox.bench.audio.FrameMark;
import postbox.bench.audio.MuLaw;

class RtpPacketTest {

    @Test
    void headerFieldsAndAPayloadThatDecodesToTheFrame() {
        byte[] packet = new byte[RtpPacket.LENGTH];

        RtpPacket.write(packet, new short[FrameMark.SAMPLES], true, 0xBEEF, 0x89ABCDEFL, 0x01020304, 42, 1234);

        ByteBuffer buffer = ByteBuffer.wrap(packet);
        assertThat(packet[0] & 0xFF).isEqualTo(0x80);
        assertThat(packet[1] & 0xFF).isEqualTo(0x80); // marker, PT 0
        assertThat(RtpPacket.sequence(buffer)).isEqualTo(0xBEEF);
        assertThat(buffer.getInt(4)).isEqualTo(0x89ABCDEF);
        assertThat(buffer.getInt(8)).isEqualTo(0x01020304);
        assertThat(RtpPacket.isRtp(buffer, packet.length)).isTrue();
        short[] pcm = new short[FrameMark.SAMPLES];
        MuLaw.decode(packet, RtpPacket.HEADER, FrameMark.SAMPLES, pcm);
        assertThat(FrameMark.scan(pcm, pcm.length)).containsExactly(new FrameMark.Mark(42, 1234));
    }

    @Test
    void withoutMarker() {
        byte[] packet = new byte[RtpPacket.LENGTH];

        RtpPacket.write(packet, new short[FrameMark.SAMPLES], false, 1, 0, 0, 0, 0);

        assertThat(packet[1]).isZero();
    }

    @Test
    void rtcpOnTheSamePortIsNotRtp() {
        byte[] receiverReport = {(byte) 0x81, (byte) 201, 0, 7, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] senderReport = {(byte) 0x80, (byte) 200, 0, 6, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThat(RtpPacket.isRtp(ByteBuffer.wrap(receiverReport), receiverReport.length)).isFalse();
        assertThat(RtpPacket.isRtp(ByteBuffer.wrap(senderReport), senderReport.length)).isFalse();
    }

    @Test
    void shortOrOtherVersionIsNotRtp() {
        assertThat(RtpPacket.isRtp(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 0}), 4)).isFalse();
        assertThat(RtpPacket.isRtp(ByteBuffer.wrap(new byte[12]), 12)).isFalse();
    }
}
