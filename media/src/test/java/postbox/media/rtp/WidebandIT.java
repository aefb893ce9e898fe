package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static postbox.media.testing.Spectrum.amplitude;
import static postbox.media.rtp.LegFixture.concat;
import static postbox.media.rtp.LegFixture.join;
import static postbox.media.rtp.LegFixture.toneFrames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import postbox.media.Frames;
import postbox.media.MediaEvent;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import postbox.media.source.PcmClip;
import postbox.media.testing.PcmCollector;
import postbox.media.testing.RtpPeer;

/** 16 kHz legs (G.722): playback at 16 kHz, recordings at 8 kHz, and re-INVITEs that change the rate. */
class WidebandIT {
    private static final RtpPeer.Setup G722 = RtpPeer.Setup.of("G722", 8000, 9);

    @Test
    void aClipMadeAtSixteenKilohertzArrivesIntact() throws Exception {
        try (LegFixture fixture = LegFixture.connected(G722)) {
            assertThat(fixture.leg.sampleRate()).isEqualTo(16000);
            short[] clip = concat(wideFrames(50));
            long id = fixture.leg.play(new PcmClip(clip, 16000), false);
            fixture.clock.advance(51);

            List<RtpPeer.Packet> packets = fixture.packets(52);
            assertThat(packets).allSatisfy(packet -> assertThat(packet.payloadType()).isEqualTo(9));
            short[] silence = new short[Frames.WIDEBAND_SAMPLES];
            short[] sent = join(silence, clip, silence);
            assertThat(fixture.peer.audio()).as("bit-exact after G.722, from the first packet")
                    .containsExactly(fixture.peer.codecRoundTrip(sent));
            assertThat(amplitude(fixture.peer.audio(), 640, 15000, 6000, 16000)).as("6 kHz: wideband")
                    .isGreaterThan(2000);
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.PlayDone(id, false));
        }
    }

    @Test
    void aRecordingOfASixteenKilohertzLegLandsAtEightKilohertzWithoutAliasing() throws Exception {
        try (LegFixture fixture = LegFixture.connected(G722)) {
            PcmCollector output = new PcmCollector();
            Recorder recorder = fixture.leg.record(new RecordSpec(Duration.ofMinutes(1), null, "#", -42), output);
            fixture.sendEachTick(mixedTones(60));
            fixture.leg.stopRecord();
            fixture.clock.advance(1);

            assertThat(fixture.takeEvents()).containsExactly(
                    new MediaEvent.RecordDone(recorder.id(), RecordStop.STOPPED, 60 * 160, 60 * 160));
            assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo(60L * 160);
            short[] recorded = output.samples();
            assertThat(recorded).hasSize(60 * Frames.SAMPLES);
            assertThat(amplitude(recorded, 10 * 160, 55 * 160, 1000, 8000)).as("1 kHz kept").isBetween(5000.0, 7000.0);
            assertThat(amplitude(recorded, 10 * 160, 55 * 160, 2000, 8000)).as("6 kHz not folded to 2 kHz")
                    .isLessThan(60);
        }
    }

    @Test
    void aReInviteToAnotherRateEndsThePlaybackAndTheRecordingGoesOnAtEightKilohertz() throws Exception {
        try (LegFixture fixture = LegFixture.connected(RtpPeer.Setup.of("PCMU", 8000, 0));
             RtpPeer wide = RtpPeer.open(G722).sendTo(fixture.leg.localAddress())) {
            PcmCollector output = new PcmCollector();
            Recorder recorder = fixture.leg.record(new RecordSpec(Duration.ofMinutes(1), null, "#", -42), output);
            long playId = fixture.leg.play(new PcmClip(new short[100 * Frames.SAMPLES]), false);
            fixture.sendEachTick(toneFrames(1000, 6000, 8000, 30));

            fixture.leg.connect(wide.media());
            assertThat(fixture.leg.sampleRate()).as("at once, for the next sources").isEqualTo(16000);
            for (short[] frame : toneFrames(1000, 6000, 16000, 30)) {
                wide.sendFrame(frame);
                fixture.clock.advance(1);
            }
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.PlayDone(playId, true));
            long narrowClip = fixture.leg.play(new PcmClip(new short[Frames.SAMPLES]), false);
            fixture.clock.advance(1);
            assertThat(fixture.takeEvents()).as("an 8 kHz clip on a 16 kHz leg ends at once")
                    .containsExactly(new MediaEvent.PlayDone(narrowClip, true));
            fixture.leg.stopRecord();
            fixture.clock.advance(1);

            assertThat(fixture.takeEvents()).hasSize(1);
            assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo(61L * 160);
            short[] recorded = output.samples();
            assertThat(amplitude(recorded, 5 * 160, 28 * 160, 1000, 8000)).as("the G.711 part").isGreaterThan(5000);
            assertThat(amplitude(recorded, 38 * 160, 58 * 160, 1000, 8000)).as("the G.722 part").isGreaterThan(4500);
            assertThat(wide.packets()).as("the leg answers the new peer").isNotEmpty();
        }
    }

    /** Frames whose samples differ per frame and carry energy above 4 kHz (6 kHz), at 16 kHz. */
    private static List<short[]> wideFrames(int count) {
        List<short[]> frames = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            short[] frame = new short[Frames.WIDEBAND_SAMPLES];
            for (int i = 0; i < frame.length; i++) {
                int n = f * frame.length + i;
                frame[i] = (short) Math.round(5000 * Math.sin(2 * Math.PI * 6000 * n / 16000.0)
                        + (300 + 11 * f) * Math.sin(2 * Math.PI * 500 * n / 16000.0));
            }
            frames.add(frame);
        }
        return frames;
    }

    /** 1 kHz at 6000 plus 6 kHz at 6000, at 16 kHz. */
    private static List<short[]> mixedTones(int count) {
        List<short[]> low = toneFrames(1000, 6000, 16000, count);
        List<short[]> high = toneFrames(6000, 6000, 16000, count);
        List<short[]> frames = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            short[] frame = new short[Frames.WIDEBAND_SAMPLES];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (low.get(f)[i] + high.get(f)[i]);
            }
            frames.add(frame);
        }
        return frames;
    }
}
