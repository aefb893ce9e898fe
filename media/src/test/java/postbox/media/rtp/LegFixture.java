package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import postbox.media.Frames;
import postbox.media.MediaConfig;
import postbox.media.MediaEngine;
import postbox.media.MediaEvent;
import postbox.media.MediaLeg;
import postbox.media.clock.ManualClock;
import postbox.media.testing.RtpPeer;

/** A leg on a manual clock connected to a real {@link RtpPeer} on loopback; tick 1 has run. */
final class LegFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final short[] SILENCE = new short[Frames.SAMPLES];

    final MediaEngine engine;
    final ManualClock clock;
    final MediaLeg leg;
    final RtpPeer peer;

    private LegFixture(MediaConfig config, RtpPeer.Setup setup) throws IOException {
        engine = MediaEngine.withManualClock(config);
        clock = engine.manualClock();
        leg = engine.openLeg("call-test");
        peer = RtpPeer.open(setup).sendTo(leg.localAddress());
        leg.connect(peer.media());
        clock.advance(1);
    }

    /** A PCMU leg (telephone-events on 101). */
    static LegFixture connected() throws IOException {
        return connected(RtpPeer.Setup.of("PCMU", 8000, 0));
    }

    static LegFixture connected(MediaConfig config) throws IOException {
        return new LegFixture(config, RtpPeer.Setup.of("PCMU", 8000, 0));
    }

    /** A leg connected to a peer speaking as {@code setup} says. */
    static LegFixture connected(RtpPeer.Setup setup) throws IOException {
        return new LegFixture(MediaConfig.defaults(InetAddress.getLoopbackAddress()).withClocks(1), setup);
    }

    /** {@code count} frames of a sine of {@code hz} at {@code amplitude}, at {@code sampleRate}. */
    static List<short[]> toneFrames(int hz, int amplitude, int sampleRate, int count) {
        int frame = sampleRate / 50;
        List<short[]> frames = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            short[] samples = new short[frame];
            for (int i = 0; i < frame; i++) {
                samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (f * frame + i) / sampleRate));
            }
            frames.add(samples);
        }
        return frames;
    }

    /** For each frame: the peer sends it, then one tick runs. */
    void sendEachTick(List<short[]> frames) throws IOException {
        for (short[] frame : frames) {
            peer.sendFrame(frame);
            clock.advance(1);
        }
    }

    /** The events posted so far, taken off the queue. */
    List<MediaEvent> takeEvents() {
        List<MediaEvent> events = new ArrayList<>();
        leg.events().drainTo(events);
        return events;
    }

    /** Waits for the leg's first {@code count} packets and returns them. */
    List<RtpPeer.Packet> packets(int count) throws InterruptedException {
        List<RtpPeer.Packet> packets = peer.awaitPackets(count, WAIT);
        assertThat(packets).hasSizeGreaterThanOrEqualTo(count);
        return packets;
    }

    @Override
    public void close() throws IOException {
        engine.close();
        peer.close();
    }

    /** {@code count} frames whose samples identify the frame: frame f, sample i is a voiced, distinct value. */
    static List<short[]> voicedFrames(int first, int count) {
        List<short[]> frames = new ArrayList<>();
        for (int f = first; f < first + count; f++) {
            short[] frame = new short[Frames.SAMPLES];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) ((i % 2 == 0 ? 1 : -1) * (1000 + 37 * f + 5 * i));
            }
            frames.add(frame);
        }
        return frames;
    }

    /** Arrays of any length, joined. */
    static short[] join(short[]... parts) {
        short[] all = new short[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** The frames concatenated (all of one length). */
    static short[] concat(List<short[]> frames) {
        int frame = frames.isEmpty() ? 0 : frames.getFirst().length;
        short[] all = new short[frames.size() * frame];
        for (int f = 0; f < frames.size(); f++) {
            System.arraycopy(frames.get(f), 0, all, f * frame, frame);
        }
        return all;
    }
}
