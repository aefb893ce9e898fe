package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static postbox.media.rtp.LegFixture.concat;
import static postbox.media.rtp.LegFixture.voicedFrames;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;
import postbox.media.MediaEvent;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import postbox.media.dtmf.DtmfDetector;
import postbox.media.source.PcmClip;
import postbox.media.testing.PcmCollector;
import postbox.media.testing.RtpPeer;

/** DTMF both ways: RFC 4733 events and tones in band, sent and detected, and re-armed by a re-INVITE. */
class DtmfIT {
    private static final RtpPeer.Setup IN_BAND = RtpPeer.Setup.of("PCMU", 8000, 0).withoutTelephoneEvents();

    @Test
    void sendsRfc4733EventsFieldByFieldWhileThePlaybackPauses() throws Exception {
        try (LegFixture fixture = LegFixture.connected()) {
            List<short[]> clip = voicedFrames(0, 40);
            long playId = fixture.leg.play(new PcmClip(concat(clip)), false);
            fixture.clock.advance(2);
            long sendId = fixture.leg.sendDigits("1#");
            fixture.clock.advance(16);
            assertThat(fixture.takeEvents()).as("not before the last end packet").isEmpty();
            fixture.clock.advance(1);
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.DigitsSent(sendId));
            fixture.clock.advance(2);

            List<RtpPeer.Packet> packets = fixture.packets(22);
            RtpPeer.Packet first = packets.getFirst();
            for (int i = 0; i < packets.size(); i++) {
                assertThat(packets.get(i).sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
            }
            assertThat(packets.get(2).audio()).as("playing").isEqualTo(
                    fixture.peer.codecRoundTrip(clip.get(1)));
            assertEvent(packets.subList(3, 10), 1, first.timestamp() + 3 * 160);
            assertThat(packets.subList(10, 13)).as("the gap: silence").allSatisfy(packet -> {
                assertThat(packet.payloadType()).isZero();
                assertThat(packet.audio()).containsOnly((short) 0);
            });
            assertEvent(packets.subList(13, 20), 11, first.timestamp() + 13 * 160);
            assertThat(packets.get(20).payloadType()).isZero();
            assertThat(packets.get(20).timestamp()).isEqualTo(first.timestamp() + 20 * 160);
            assertThat(packets.get(20).audio()).as("the playback resumes where it paused")
                    .isEqualTo(fixture.peer.codecRoundTrip(clip.get(2)));
            assertThat(fixture.peer.digits()).isEqualTo("1#");
            assertThat(playId).isNotEqualTo(sendId);
        }
    }

    @Test
    void sendsKeysInBandToAPeerWithoutTelephoneEvents() throws Exception {
        try (LegFixture fixture = LegFixture.connected(IN_BAND)) {
            long sendId = fixture.leg.sendDigits("95");
            fixture.clock.advance(20);
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.DigitsSent(sendId));
            List<RtpPeer.Packet> packets = fixture.packets(21);
            assertThat(packets).allSatisfy(packet -> assertThat(packet.payloadType()).isZero());
            assertThat(detect(fixture.peer.audio())).isEqualTo("95");
        }
    }

    @Test
    void hearsKeysInBandFromAPeerWithoutTelephoneEventsAndStopsARecordingOnOne() throws Exception {
        try (LegFixture fixture = LegFixture.connected(IN_BAND)) {
            fixture.sendEachTick(fixture.peer.toneFrames('7', 100, 100));
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.Dtmf('7'));

            Recorder recorder = fixture.leg.record(new RecordSpec(Duration.ofMinutes(1), null, "#",
                    RecordSpec.DEFAULT_THRESHOLD_DBFS), new PcmCollector());
            fixture.sendEachTick(voicedFrames(0, 10));
            fixture.sendEachTick(fixture.peer.toneFrames('#', 100, 100));
            List<MediaEvent> events = fixture.takeEvents();
            assertThat(events).hasSize(1);
            assertThat(events.getFirst()).isInstanceOfSatisfying(MediaEvent.RecordDone.class, done -> {
                assertThat(done.recordId()).isEqualTo(recorder.id());
                assertThat(done.reason()).isEqualTo(RecordStop.KEY);
            });
        }
    }

    @Test
    void aReInviteSwitchesBetweenInBandDetectionAndTelephoneEvents() throws Exception {
        try (LegFixture fixture = LegFixture.connected(IN_BAND);
             RtpPeer events = RtpPeer.open().sendTo(fixture.leg.localAddress())) {
            fixture.leg.connect(events.media());
            fixture.clock.advance(1);
            for (short[] frame : events.toneFrames('3', 100, 100)) {
                events.sendFrame(frame);
                fixture.clock.advance(1);
            }
            assertThat(fixture.takeEvents()).as("tones are not keys when the peer has telephone-events").isEmpty();
            events.sendDigit('4');
            fixture.clock.advance(1);
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.Dtmf('4'));

            fixture.leg.connect(fixture.peer.media());
            fixture.clock.advance(1);
            fixture.sendEachTick(fixture.peer.toneFrames('3', 100, 100));
            assertThat(fixture.takeEvents()).as("detection re-armed").containsExactly(new MediaEvent.Dtmf('3'));
        }
    }

    @Test
    void keysQueueBehindKeysAndAClosedLegCompletesThem() throws Exception {
        try (LegFixture fixture = LegFixture.connected()) {
            long first = fixture.leg.sendDigits("1");
            long second = fixture.leg.sendDigits("2");
            fixture.clock.advance(7);
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.DigitsSent(first));
            fixture.clock.advance(10);
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.DigitsSent(second));
            long pending = fixture.leg.sendDigits("123");
            fixture.clock.advance(2);
            fixture.leg.close();
            fixture.clock.advance(1);
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.DigitsSent(pending));
            long late = fixture.leg.sendDigits("4");
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.DigitsSent(late));
            assertThat(fixture.peer.awaitPackets(18, LegFixture.WAIT)).isNotEmpty();
            assertThat(fixture.peer.digits()).startsWith("12");
        }
    }

    /** Seven RFC 4733 packets of one key: start, 3 continuations, the end three times; 100 ms in 8 kHz units. */
    private static void assertEvent(List<RtpPeer.Packet> packets, int event, long timestamp) {
        int[] durations = {160, 320, 480, 640, 800, 800, 800};
        for (int i = 0; i < packets.size(); i++) {
            RtpPeer.Packet packet = packets.get(i);
            byte[] payload = packet.payload();
            assertThat(packet.payloadType()).isEqualTo(RtpPeer.DTMF_PAYLOAD_TYPE);
            assertThat(packet.marker()).as("marker on the start packet only").isEqualTo(i == 0);
            assertThat(packet.timestamp()).as("the event's start").isEqualTo(timestamp & 0xFFFFFFFFL);
            assertThat(payload).hasSize(4);
            assertThat(payload[0] & 0xFF).isEqualTo(event);
            assertThat((payload[1] & 0x80) != 0).as("E bit, packet %d", i).isEqualTo(i >= 4);
            assertThat(payload[1] & 0x3F).as("volume -10 dBm0").isEqualTo(10);
            assertThat(((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF)).as("duration, packet %d", i)
                    .isEqualTo(durations[i]);
        }
    }

    private static String detect(short[] audio) {
        DtmfDetector detector = new DtmfDetector();
        short[] frame = new short[Frames.SAMPLES];
        StringBuilder keys = new StringBuilder();
        for (int at = 0; at + Frames.SAMPLES <= audio.length; at += Frames.SAMPLES) {
            System.arraycopy(audio, at, frame, 0, Frames.SAMPLES);
            int key = detector.detect(frame);
            if (key >= 0) {
                keys.append(DtmfReceiver.key(key));
            }
        }
        return keys.toString();
    }
}
