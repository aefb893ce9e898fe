package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static postbox.media.rtp.LegFixture.concat;
import static postbox.media.rtp.LegFixture.join;
import static postbox.media.rtp.LegFixture.voicedFrames;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;
import postbox.media.LegStats;
import postbox.media.MediaEvent;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import postbox.media.SrtpKeys;
import postbox.media.codec.G711;
import postbox.media.rtcp.Rtcp;
import postbox.media.source.PcmClip;
import postbox.media.srtp.PacketBuffer;
import postbox.media.srtp.SrtpSession;
import postbox.media.testing.PcmCollector;
import postbox.media.testing.RtpPeer;

/** SRTP/SRTCP between a leg and a peer with SDES keys: audio both ways, tampering and wrong keys refused. */
class SrtpIT {
    private static final short[] PRE_ROLL = new short[3 * Frames.SAMPLES];

    @Test
    void carriesAudioBothWaysAndRtcpUnderSrtp() throws Exception {
        SrtpKeys keys = RtpPeer.randomSrtpKeys();
        try (LegFixture fixture = LegFixture.connected(RtpPeer.Setup.of("PCMU", 8000, 0).withSrtp(keys))) {
            PcmCollector output = new PcmCollector();
            Recorder recorder = fixture.leg.record(new RecordSpec(Duration.ofMinutes(1), null, "#", -42), output);
            List<short[]> spoken = voicedFrames(0, 20);
            List<short[]> played = voicedFrames(100, 20);
            fixture.leg.play(new PcmClip(concat(played)), false);
            fixture.sendEachTick(spoken);
            fixture.peer.sendDigit('#');
            fixture.clock.advance(1);

            assertThat(fixture.takeEvents()).contains(
                    new MediaEvent.RecordDone(recorder.id(), RecordStop.KEY, 20 * 160, 20 * 160));
            recorder.drained().get(10, TimeUnit.SECONDS);
            assertThat(output.samples()).as("heard through SRTP, bit-exact")
                    .containsExactly(join(PRE_ROLL, fixture.peer.codecRoundTrip(concat(spoken.subList(0, 17)))));
            short[] heard = fixture.peer.audio();
            assertThat(Arrays.copyOfRange(heard, Frames.SAMPLES, 21 * Frames.SAMPLES))
                    .containsExactly(fixture.peer.codecRoundTrip(concat(played)));
            assertThat(fixture.peer.srtpFailures()).isZero();

            fixture.clock.advance(400);
            byte[] report = fixture.peer.awaitRtcp(1, LegFixture.WAIT).getFirst();
            assertThat(report[1] & 0xFF).as("an SR, decrypted by the peer").isEqualTo(Rtcp.SR);
            assertThat(fixture.leg.stats().srtpFailures()).isZero();
        }
    }

    @Test
    void dropsAndCountsTamperedPlainAndWronglyKeyedPackets() throws Exception {
        SrtpKeys keys = RtpPeer.randomSrtpKeys();
        try (LegFixture fixture = LegFixture.connected(RtpPeer.Setup.of("PCMU", 8000, 0).withSrtp(keys))) {
            PcmCollector output = new PcmCollector();
            Recorder recorder = fixture.leg.record(new RecordSpec(Duration.ofMinutes(1), null, "#", -42), output);
            SrtpSession peerSide = new SrtpSession(RtpPeer.mirror(keys), fixture.peer.ssrc());
            byte[] loud = new byte[Frames.SAMPLES];
            G711.ULAW.encode(voicedFrames(7, 1).getFirst(), 0, loud, 0, Frames.SAMPLES);

            byte[] tampered = protect(peerSide, 100, loud, fixture.peer.ssrc());
            tampered[30] ^= 0x10;
            fixture.peer.sendDatagram(tampered);
            fixture.peer.sendDatagram(rtp(101, loud, fixture.peer.ssrc()));
            SrtpSession stranger = new SrtpSession(RtpPeer.mirror(RtpPeer.randomSrtpKeys()), fixture.peer.ssrc());
            fixture.peer.sendDatagram(protect(stranger, 102, loud, fixture.peer.ssrc()));
            fixture.clock.advance(10);

            LegStats stats = fixture.leg.stats();
            assertThat(stats.srtpFailures()).isEqualTo(3);
            assertThat(fixture.engine.stats().srtpFailures()).isEqualTo(3);
            fixture.leg.stopRecord();
            fixture.clock.advance(1);
            assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo(10L * Frames.SAMPLES);
            assertThat(output.samples()).as("none of them was heard").hasSize(10 * Frames.SAMPLES)
                    .containsOnly((short) 0);
        }
    }

    private static byte[] protect(SrtpSession session, int sequence, byte[] payload, int ssrc) {
        byte[] packet = Arrays.copyOf(rtp(sequence, payload, ssrc), 12 + payload.length + SrtpSession.MAX_OVERHEAD);
        PacketBuffer buffer = new PacketBuffer(packet).set(0, 12 + payload.length);
        assertThat(session.protectRtp(buffer)).isTrue();
        return Arrays.copyOf(packet, buffer.getLength());
    }

    private static byte[] rtp(int sequence, byte[] payload, int ssrc) {
        byte[] packet = new byte[12 + payload.length];
        packet[0] = (byte) 0x80;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[7] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            packet[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, packet, 12, payload.length);
        return packet;
    }
}
