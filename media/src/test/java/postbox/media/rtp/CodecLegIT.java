package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static postbox.media.testing.Spectrum.amplitude;
import static postbox.media.rtp.LegFixture.concat;
import static postbox.media.rtp.LegFixture.toneFrames;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import postbox.media.Frames;
import postbox.media.MediaEvent;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.media.Recorder;
import postbox.media.codec.Codec;
import postbox.media.codec.CodecFormat;
import postbox.media.codec.Codecs;
import postbox.media.source.PcmClip;
import postbox.media.testing.PcmCollector;
import postbox.media.testing.RtpPeer;

/**
 * Every codec through a real leg and a real peer on loopback: what the leg plays arrives at the peer with the
 * codec's payload type and timestamp steps and the tone intact; what the peer sends lands in the recording at
 * 8 kHz; and the tick allocates nothing in steady state (JSpeex excepted: there the leg adds nothing to what the
 * codec allocates itself).
 */
class CodecLegIT {
    private static final Logger log = LoggerFactory.getLogger(CodecLegIT.class);
    private static final int TONE_HZ = 1000;
    private static final int AMPLITUDE = 8000;
    /** ±2 dB: lossy codecs keep a tone's level, not its waveform. */
    private static final double LEVEL_TOLERANCE = Math.pow(10, 2 / 20.0);

    static Stream<Arguments> setups() {
        return Codecs.supported().stream().map(format -> Arguments.of(format.token(),
                RtpPeer.Setup.of(format.encodingName(), format.clockRate(), payloadType(format))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void playsAToneThatArrivesWithTheCodecsTiming(String codec, RtpPeer.Setup setup) throws Exception {
        try (LegFixture fixture = LegFixture.connected(setup)) {
            CodecFormat format = fixture.peer.format();
            assertThat(fixture.leg.sampleRate()).isEqualTo(format.sampleRate());
            long id = fixture.leg.play(new PcmClip(concat(toneFrames(TONE_HZ, AMPLITUDE, format.sampleRate(), 50)),
                    format.sampleRate()), false);
            fixture.clock.advance(52);

            List<RtpPeer.Packet> packets = fixture.packets(53);
            RtpPeer.Packet first = packets.getFirst();
            assertThat(first.marker()).isTrue();
            for (int i = 0; i < packets.size(); i++) {
                RtpPeer.Packet packet = packets.get(i);
                assertThat(packet.payloadType()).isEqualTo(setup.payloadType());
                assertThat(packet.sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
                assertThat(packet.timestamp()).as("timestamp step %d", format.timestampStep())
                        .isEqualTo((first.timestamp() + (long) format.timestampStep() * i) & 0xFFFFFFFFL);
                assertThat(packet.audio()).hasSize(format.frameSamples());
            }
            short[] heard = fixture.peer.audio();
            int frame = format.frameSamples();
            double level = amplitude(heard, 11 * frame, 47 * frame, TONE_HZ, format.sampleRate());
            assertThat(level).as(codec + " tone level").isBetween(AMPLITUDE / LEVEL_TOLERANCE,
                    AMPLITUDE * LEVEL_TOLERANCE);
            assertThat(fixture.takeEvents()).containsExactly(new MediaEvent.PlayDone(id, false));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void recordsThePeerAtEightKilohertz(String codec, RtpPeer.Setup setup) throws Exception {
        try (LegFixture fixture = LegFixture.connected(setup)) {
            CodecFormat format = fixture.peer.format();
            PcmCollector output = new PcmCollector();
            Recorder recorder = fixture.leg.record(new RecordSpec(Duration.ofMinutes(1), null, "#", -42), output);
            fixture.sendEachTick(toneFrames(TONE_HZ, AMPLITUDE, format.sampleRate(), 60));
            fixture.leg.stopRecord();
            fixture.clock.advance(1);

            assertThat(fixture.takeEvents()).containsExactly(
                    new MediaEvent.RecordDone(recorder.id(), RecordStop.STOPPED, 60 * 160, 60 * 160));
            assertThat(recorder.drained().get(10, TimeUnit.SECONDS)).isEqualTo(60L * 160);
            short[] recorded = output.samples();
            assertThat(recorded).hasSize(60 * Frames.SAMPLES);
            double level = amplitude(recorded, 15 * 160, 55 * 160, TONE_HZ, Frames.RATE);
            assertThat(level).as(codec + " recorded tone level").isBetween(AMPLITUDE / LEVEL_TOLERANCE,
                    AMPLITUDE * LEVEL_TOLERANCE);
        }
    }

    /**
     * Zero bytes on the tick in steady state, playing, recording and receiving: the best of five windows of 300
     * ticks after 2000 ticks of warm-up. The JIT still settles during the first thousands of ticks: compiling JDK
     * code on the tick's path (NIO's DatagramChannelImpl.receive, method-handle linkage) allocates a few dozen to
     * a thousand bytes once, on whichever thread runs it (not seen interpreted, with -Xint: the leg's own code never
     * allocates), hence the best of several windows. JSpeex allocates tens of kilobytes per frame inside; for it,
     * the tick must allocate exactly what the codec does on its own with the same frames.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void theTickAllocatesNothingBeyondTheCodecInSteadyState(String codec, RtpPeer.Setup setup) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (LegFixture fixture = LegFixture.connected(setup)) {
            CodecFormat format = fixture.peer.format();
            List<short[]> heard = toneFrames(440, 6000, format.sampleRate(), 50);
            List<short[]> played = toneFrames(300, 6000, format.sampleRate(), 50);
            fixture.leg.play(new PcmClip(concat(java.util.Collections.nCopies(100, concat(played))),
                    format.sampleRate()), true);
            fixture.leg.record(new RecordSpec(Duration.ofMinutes(5), Duration.ofMinutes(1), "#", -42),
                    new PcmCollector());
            for (int tick = 0; tick < 2000; tick++) {
                fixture.peer.sendFrame(heard.get(tick % heard.size()));
                fixture.clock.advance(1);
            }
            long calibration = threads.getCurrentThreadAllocatedBytes();
            calibration = threads.getCurrentThreadAllocatedBytes() - calibration;
            long[] windows = new long[5];
            for (int window = 0; window < windows.length; window++) {
                for (int tick = 0; tick < 300; tick++) {
                    fixture.peer.sendFrame(heard.get(tick % heard.size()));
                    long before = threads.getCurrentThreadAllocatedBytes();
                    fixture.clock.advance(1);
                    windows[window] += threads.getCurrentThreadAllocatedBytes() - before - calibration;
                }
            }
            assertThat(fixture.takeEvents()).as("steady state: nothing ended").isEmpty();
            long best = Arrays.stream(windows).min().orElseThrow();
            long codecOwn = 300 * codecAllocationPerFrame(format, played, heard);
            log.info("{}: {} bytes per 300 ticks (best of {}), the codec alone {}", codec, best,
                    Arrays.toString(windows), codecOwn);
            assertThat(best).as("bytes allocated by 300 ticks, best of " + Arrays.toString(windows)
                    + ", the codec alone " + codecOwn).isEqualTo(codecOwn);
            if (!format.encodingName().equals("speex")) {
                assertThat(best).isZero();
            }
        }
    }

    /**
     * What the codec alone allocates per frame, encoding {@code played} and decoding what a second instance made
     * of {@code heard} (as on the leg), after warming up: the least over five rounds of 300 frames.
     */
    private static long codecAllocationPerFrame(CodecFormat format, List<short[]> played, List<short[]> heard) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Codec codec = Codecs.create(format.encodingName(), format.clockRate(), "");
             Codec peer = Codecs.create(format.encodingName(), format.clockRate(), "")) {
            short[] out = new short[4 * format.frameSamples()];
            byte[] sent = new byte[Codec.MAX_PAYLOAD];
            byte[] received = new byte[Codec.MAX_PAYLOAD];
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                long bytes = 0;
                for (int i = 0; i < 300; i++) {
                    int length = peer.encode(heard.get(i % heard.size()), received, 0);
                    long before = threads.getCurrentThreadAllocatedBytes();
                    codec.decode(received, 0, length, out);
                    codec.encode(played.get(i % played.size()), sent, 0);
                    bytes += threads.getCurrentThreadAllocatedBytes() - before;
                }
                if (round >= 3) {
                    best = Math.min(best, bytes);
                }
            }
            return best / 300;
        }
    }

    private static int payloadType(CodecFormat format) {
        return switch (format.token()) {
            case "PCMU" -> 0;
            case "PCMA" -> 8;
            case "G722" -> 9;
            case "speex/8000" -> 97;
            case "speex/16000" -> 98;
            default -> 111;
        };
    }
}
