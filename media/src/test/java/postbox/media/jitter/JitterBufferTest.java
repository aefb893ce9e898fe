package postbox.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import postbox.media.Frames;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;

/**
 * The jitter buffer's behaviour, specified by the arrival patterns in {@code src/test/resources/jitter}: each
 * file lists packet arrivals per tick and the frame that must come out of each tick's pull.
 */
class JitterBufferTest {
    private static final int DELAY_FRAMES = 3;

    @ParameterizedTest
    @ValueSource(strings = {"in-order", "reordered", "lost", "burst-loss", "late", "burst-after-stall",
            "duplicate", "ssrc-change", "timestamp-jump", "marker-after-gap", "paused-timestamps-without-marker",
            "wraparound"})
    void playsOutArrivalPattern(String name) throws IOException {
        Scenario scenario = Scenario.load(name);
        Counters counters = new Counters();
        JitterBuffer buffer = new JitterBuffer(DELAY_FRAMES, counters);
        short[] frame = new short[Frames.SAMPLES];
        List<String> played = new ArrayList<>();
        for (int tick = 0; tick < scenario.expected.size(); tick++) {
            for (Packet packet : scenario.arrivals.getOrDefault(tick, List.of())) {
                Arrival arrival = buffer.push(packet.sequence, packet.timestamp, packet.ssrc, packet.marker,
                        packet.pcm(), 0, Frames.SAMPLES);
                if (packet.expected != null) {
                    assertThat(arrival).as("%s: arrival of packet %d", name, packet.sequence)
                            .isEqualTo(packet.expected);
                }
            }
            played.add(token(buffer.pull(frame), frame));
        }
        assertThat(played).as(name).containsExactlyElementsOf(scenario.expected);
        assertThat(counts(counters)).as(name + " counts").isEqualTo(scenario.counts);
    }

    @Test
    void concealsInSixDecibelStepsThenPlaysSilence() {
        JitterBuffer buffer = new JitterBuffer(0, new Counters());
        short[] frame = new short[Frames.SAMPLES];
        short[] voice = new short[Frames.SAMPLES];
        Arrays.fill(voice, (short) -800);
        buffer.push(1, 0, 7, false, voice, 0, voice.length);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.AUDIO);
        assertThat(frame).containsOnly((short) -800);
        for (int expected : new int[] {-400, -200, -100}) {
            assertThat(buffer.pull(frame)).isEqualTo(FrameKind.CONCEALED);
            assertThat(frame).containsOnly((short) expected);
        }
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.SILENCE);
        assertThat(frame).containsOnly((short) 0);
    }

    @Test
    void assemblesFramesFromTenMillisecondPackets() {
        Counters counters = new Counters();
        JitterBuffer buffer = new JitterBuffer(1, counters);
        short[] half = new short[Frames.SAMPLES / 2];
        short[] frame = new short[Frames.SAMPLES];
        for (int i = 0; i < 4; i++) {
            Arrays.fill(half, (short) (i + 1));
            buffer.push(10 + i, 5000 + 80L * i, 3, false, half, 0, half.length);
        }
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.SILENCE);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.AUDIO);
        assertThat(Arrays.copyOfRange(frame, 0, 80)).containsOnly((short) 1);
        assertThat(Arrays.copyOfRange(frame, 80, 160)).containsOnly((short) 2);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.AUDIO);
        assertThat(Arrays.copyOfRange(frame, 0, 80)).containsOnly((short) 3);
        assertThat(Arrays.copyOfRange(frame, 80, 160)).containsOnly((short) 4);
        assertThat(counts(counters)).isEqualTo("late=0 reordered=0 duplicate=0 lost=0 concealed=0 resyncs=0");
    }

    @Test
    void reportsBufferedAudioUntilItIsPlayedOut() {
        JitterBuffer buffer = new JitterBuffer(DELAY_FRAMES, new Counters());
        short[] frame = new short[Frames.SAMPLES];
        assertThat(buffer.hasBuffered()).isFalse();
        buffer.push(1, 0, 1, false, frame, 0, Frames.SAMPLES);
        buffer.push(2, 160, 1, false, frame, 0, Frames.SAMPLES);
        int pulls = 0;
        while (buffer.hasBuffered()) {
            buffer.pull(frame);
            pulls++;
        }
        assertThat(pulls).as("3 frames of delay, then the 2 frames").isEqualTo(DELAY_FRAMES + 2);
    }

    @Test
    void silentUntilTheFirstPacket() {
        JitterBuffer buffer = new JitterBuffer(DELAY_FRAMES, new Counters());
        short[] frame = new short[Frames.SAMPLES];
        Arrays.fill(frame, (short) 99);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.SILENCE);
        assertThat(frame).containsOnly((short) 0);
    }

    private static String token(FrameKind kind, short[] frame) {
        return switch (kind) {
            case SILENCE -> {
                assertThat(frame).containsOnly((short) 0);
                yield "-";
            }
            case CONCEALED -> "C";
            case AUDIO -> {
                assertThat(frame).containsOnly(frame[0]);
                yield Integer.toString(Packet.sequenceOf(frame[0]));
            }
        };
    }

    private static String counts(Counters counters) {
        return "late=" + counters.get(Counter.LATE_PACKETS)
                + " reordered=" + counters.get(Counter.REORDERED_PACKETS)
                + " duplicate=" + counters.get(Counter.DUPLICATE_PACKETS)
                + " lost=" + counters.get(Counter.FRAMES_LOST)
                + " concealed=" + counters.get(Counter.FRAMES_CONCEALED)
                + " resyncs=" + counters.get(Counter.JITTER_RESYNCS);
    }

    /** A packet of the scenario; its audio is a constant that identifies the sequence number. */
    private record Packet(int sequence, long timestamp, int ssrc, boolean marker, Arrival expected) {
        private static final int CODES = 300;

        short[] pcm() {
            short[] pcm = new short[Frames.SAMPLES];
            Arrays.fill(pcm, (short) ((sequence % CODES + 1) * 100));
            return pcm;
        }

        static int sequenceOf(short sample) {
            return sample / 100 - 1;
        }
    }

    private record Scenario(Map<Integer, List<Packet>> arrivals, List<String> expected, String counts) {

        static Scenario load(String name) throws IOException {
            String text;
            try (InputStream in = JitterBufferTest.class.getResourceAsStream("/jitter/" + name + ".txt")) {
                assertThat(in).as("scenario file " + name).isNotNull();
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<Integer, List<Packet>> arrivals = new TreeMap<>();
            List<String> expected = new ArrayList<>();
            String counts = null;
            for (String line : text.lines().map(String::strip).toList()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+");
                switch (words[0]) {
                    case "arrive" -> {
                        Packet packet = packet(words);
                        arrivals.computeIfAbsent(Integer.parseInt(words[1]), t -> new ArrayList<>()).add(packet);
                    }
                    case "expect" -> expected.addAll(Stream.of(words).skip(1).map(Scenario::frameToken).toList());
                    case "counts" -> counts = line.substring("counts".length()).strip();
                    default -> throw new IllegalArgumentException(name + ": cannot read line '" + line + "'");
                }
            }
            return new Scenario(arrivals, expected, counts);
        }

        /** Numeric tokens name packets by sequence number; frames carry it modulo {@link Packet#CODES}. */
        private static String frameToken(String token) {
            return token.chars().allMatch(Character::isDigit)
                    ? Integer.toString(Integer.parseInt(token) % Packet.CODES) : token;
        }

        private static Packet packet(String[] words) {
            int sequence = Integer.parseInt(words[2]);
            long timestamp = Long.parseLong(words[3]);
            boolean marker = false;
            int ssrc = 1;
            Arrival expected = null;
            for (int i = 4; i < words.length; i++) {
                if (words[i].equals("M")) {
                    marker = true;
                } else if (words[i].startsWith("ssrc=")) {
                    ssrc = Integer.parseInt(words[i].substring(5));
                } else if (words[i].equals("=>")) {
                    expected = Arrival.valueOf(words[++i]);
                } else {
                    throw new IllegalArgumentException("unknown arrival field " + words[i]);
                }
            }
            return new Packet(sequence, timestamp, ssrc, marker, expected);
        }
    }
}
