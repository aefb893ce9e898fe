package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static postbox.media.rtp.LegFixture.concat;
import static postbox.media.rtp.LegFixture.join;
import static postbox.media.rtp.LegFixture.voicedFrames;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import postbox.media.Frames;
import postbox.media.MediaEvent;
import postbox.media.MediaSource;
import postbox.media.RemoteMedia;
import postbox.media.codec.G711;
import postbox.media.source.PcmClip;
import postbox.media.source.SequenceSource;
import postbox.media.source.SilenceSource;
import postbox.media.source.ToneSource;
import postbox.media.source.WavStreamSource;
import postbox.media.testing.RtpPeer;

/** What a leg plays arrives at a real peer bit-exact (after G.711), in well-formed RTP, one packet per tick. */
class PlaybackIT {
    private LegFixture fixture;

    @BeforeEach
    void connect() throws Exception {
        fixture = LegFixture.connected();
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void playsAClipBitExactInWellFormedRtp() throws Exception {
        short[] clip = Arrays.copyOf(concat(voicedFrames(0, 7)), 1000);
        long id = fixture.leg.play(new PcmClip(clip), false);
        fixture.clock.advance(9);

        List<RtpPeer.Packet> packets = fixture.packets(10);
        assertThat(packets).hasSize(10);
        RtpPeer.Packet first = packets.getFirst();
        assertThat(first.marker()).isTrue();
        for (int i = 0; i < packets.size(); i++) {
            RtpPeer.Packet packet = packets.get(i);
            assertThat(packet.payloadType()).isZero();
            assertThat(packet.ssrc()).isEqualTo(first.ssrc());
            assertThat(packet.sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
            assertThat(packet.timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xFFFFFFFFL);
            assertThat(packet.marker()).isEqualTo(i == 0);
            assertThat(packet.audio()).hasSize(Frames.SAMPLES);
        }
        short[] heard = audio(packets.subList(1, 8));
        assertThat(Arrays.copyOf(heard, 1000)).containsExactly(fixture.peer.codecRoundTrip(clip));
        assertThat(Arrays.copyOfRange(heard, 1000, heard.length)).containsOnly((short) 0);
        assertThat(audio(packets.subList(8, 10))).containsOnly((short) 0);
        assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.PlayDone(id, false));
    }

    @Test
    void playsASequenceAsOnePlayback() throws Exception {
        List<short[]> a = voicedFrames(0, 2);
        List<short[]> b = voicedFrames(50, 1);
        MediaSource sequence = new SequenceSource(List.of(new PcmClip(concat(a)),
                new ToneSource(1000, Duration.ofMillis(40)), new SilenceSource(Duration.ofMillis(20)),
                new PcmClip(concat(b))));
        short[] expected = join(concat(a), played(new ToneSource(1000, Duration.ofMillis(40))),
                new short[Frames.SAMPLES], concat(b));
        long id = fixture.leg.play(sequence, true);
        fixture.clock.advance(7);

        short[] heard = audio(fixture.packets(8).subList(1, 7));
        assertThat(heard).containsExactly(fixture.peer.codecRoundTrip(expected));
        assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.PlayDone(id, false));
    }

    @Test
    void streamsAWavBitExact() throws Exception {
        short[] message = concat(voicedFrames(0, 60));
        long id = fixture.leg.play(new WavStreamSource(new ByteArrayInputStream(wav(message))), false);
        fixture.clock.advance(61);

        short[] heard = audio(fixture.packets(62).subList(1, 61));
        assertThat(heard).containsExactly(fixture.peer.codecRoundTrip(message));
        assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.PlayDone(id, false));
    }

    @Test
    void aKeyStopsABargeInPlaybackAndIsStillReported() throws Exception {
        long id = fixture.leg.play(new PcmClip(concat(voicedFrames(0, 100))), true);
        fixture.clock.advance(5);
        fixture.peer.sendDigit('5');
        fixture.clock.advance(3);

        assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.Dtmf('5'), new MediaEvent.PlayDone(id, true));
        List<RtpPeer.Packet> packets = fixture.packets(9);
        assertThat(audio(packets.subList(1, 6))).doesNotContain((short) 0);
        assertThat(audio(packets.subList(6, 9))).as("silence after barge-in").containsOnly((short) 0);
    }

    @Test
    void aKeyDoesNotStopAPlaybackWithoutBargeIn() throws Exception {
        List<short[]> frames = voicedFrames(0, 10);
        fixture.leg.play(new PcmClip(concat(frames)), false);
        fixture.clock.advance(2);
        fixture.peer.sendDigit('7');
        fixture.clock.advance(3);

        assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.Dtmf('7'));
        assertThat(audio(fixture.packets(6).subList(1, 6)))
                .containsExactly(fixture.peer.codecRoundTrip(concat(frames.subList(0, 5))));
    }

    @Test
    void aNewPlaybackReplacesTheOldOne() throws Exception {
        List<short[]> first = voicedFrames(0, 100);
        List<short[]> second = voicedFrames(200, 3);
        long firstId = fixture.leg.play(new PcmClip(concat(first)), false);
        fixture.clock.advance(2);
        long secondId = fixture.leg.play(new PcmClip(concat(second)), false);
        fixture.clock.advance(4);

        assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.PlayDone(firstId, true),
                new MediaEvent.PlayDone(secondId, false));
        assertThat(audio(fixture.packets(7).subList(1, 6))).containsExactly(fixture.peer.codecRoundTrip(
                concat(List.of(first.get(0), first.get(1), second.get(0), second.get(1), second.get(2)))));
    }

    @Test
    void stopPlayEndsThePlaybackInterrupted() throws Exception {
        long id = fixture.leg.play(new PcmClip(concat(voicedFrames(0, 100))), false);
        fixture.clock.advance(2);
        fixture.leg.stopPlay();
        fixture.leg.stopPlay();
        fixture.clock.advance(1);
        assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.PlayDone(id, true));
        assertThat(fixture.packets(4).get(3).audio()).containsOnly((short) 0);
    }

    @Test
    void onHoldNothingIsSentButTimeAndPlaybackGoOn() throws Exception {
        List<short[]> frames = voicedFrames(0, 20);
        RemoteMedia media = fixture.peer.media();
        fixture.leg.play(new PcmClip(concat(frames)), false);
        fixture.clock.advance(3);
        fixture.leg.connect(new RemoteMedia(media.address(), "PCMU", 0, 101, false, true));
        fixture.clock.advance(5);
        fixture.leg.connect(media);
        fixture.clock.advance(2);

        List<RtpPeer.Packet> packets = fixture.packets(6);
        assertThat(packets).hasSize(6);
        RtpPeer.Packet beforeHold = packets.get(3);
        RtpPeer.Packet resumed = packets.get(4);
        assertThat(resumed.sequence()).isEqualTo((beforeHold.sequence() + 1) & 0xFFFF);
        assertThat(resumed.timestamp() - beforeHold.timestamp()).as("5 frames on hold + 1").isEqualTo(6 * 160);
        assertThat(resumed.marker()).isTrue();
        assertThat(resumed.audio()).containsExactly(fixture.peer.codecRoundTrip(frames.get(8)));
    }

    @Test
    void sendsALawWhenNegotiated() throws Exception {
        try (RtpPeer aLawPeer = RtpPeer.open(G711.ALAW, 8, 101)) {
            fixture.leg.connect(aLawPeer.media());
            short[] frame = voicedFrames(0, 1).getFirst();
            fixture.leg.play(new PcmClip(frame), false);
            fixture.clock.advance(1);
            RtpPeer.Packet packet = aLawPeer.awaitPackets(1, LegFixture.WAIT).getFirst();
            assertThat(packet.payloadType()).isEqualTo(8);
            assertThat(packet.audio()).containsExactly(aLawPeer.codecRoundTrip(frame));
            assertThat(aLawPeer.codecRoundTrip(frame)).isNotEqualTo(fixture.peer.codecRoundTrip(frame));
        }
    }

    private static short[] audio(List<RtpPeer.Packet> packets) {
        return concat(packets.stream().map(RtpPeer.Packet::audio).toList());
    }

    private static short[] played(MediaSource source) {
        short[] frame = new short[Frames.SAMPLES];
        short[] all = new short[0];
        while (source.read(frame)) {
            all = Arrays.copyOf(all, all.length + Frames.SAMPLES);
            System.arraycopy(frame, 0, all, all.length - Frames.SAMPLES, Frames.SAMPLES);
        }
        return all;
    }

    private static byte[] wav(short[] samples) throws Exception {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes), new AudioFormat(8000, 16, 1, true,
                false), samples.length), AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }
}
