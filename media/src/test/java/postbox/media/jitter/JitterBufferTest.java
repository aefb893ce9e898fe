package postbox.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import postbox.media.Frames;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;

/**
 * The jitter buffer's behaviour, specified by the arrival patterns in {@code src/test/resources/jitter}: each file
 * lists packet arrivals per tick and what must come out of each tick's pull (and the delay at chosen ticks). The
 * buffer starts at a delay of 3 frames (60 ms). See {@code in-order.txt} for the format.
 */
class JitterBufferTest {
    private static final int INITIAL_DELAY_FRAMES = 3;

    @ParameterizedTest
    @ValueSource(strings = {"in-order", "reordered", "lost", "burst-loss", "late", "burst-after-stall",
            "duplicate", "ssrc-change", "timestamp-jump", "marker-after-gap", "paused-timestamps-without-marker",
            "wraparound", "steady-silence-shrinks", "voice-never-shrinks", "bursty", "rising-then-falling",
            "loss", "late-beyond-maximum", "reordering"})
    void playsOutArrivalPattern(String name) throws IOException {
        Scenario scenario = Scenario.load(name);
        Counters counters = new Counters();
        JitterBuffer buffer = new JitterBuffer(INITIAL_DELAY_FRAMES, counters);
        short[] frame = new short[Frames.SAMPLES];
        for (int tick = 0; tick < scenario.ticks(); tick++) {
            for (Packet packet : scenario.arrivals.getOrDefault(tick, List.of())) {
                Arrival arrival = buffer.push(packet.sequence, packet.timestamp, packet.ssrc, packet.marker,
                        packet.pcm(), 0, Frames.SAMPLES);
                if (packet.expected != null) {
                    assertThat(arrival).as("%s: arrival of packet %d at tick %d", name, packet.sequence, tick)
                            .isEqualTo(packet.expected);
                }
            }
            String played = token(buffer.pull(frame), frame);
            String expected = scenario.frames.get(tick);
            if (expected != null) {
                assertThat(played).as("%s: frame of tick %d", name, tick).isEqualTo(expected);
            }
            Integer delay = scenario.delays.get(tick);
            if (delay != null) {
                assertThat(buffer.delayFrames()).as("%s: delay after tick %d", name, tick).isEqualTo(delay);
            }
        }
        Map<String, Long> counts = counts(counters);
        counts.keySet().retainAll(scenario.counts.keySet());
        assertThat(counts).as(name + " counts").isEqualTo(scenario.counts);
    }

    @Test
    void concealsInSixDecibelStepsThenPlaysSilence() {
        JitterBuffer buffer = new JitterBuffer(1, new Counters());
        short[] frame = new short[Frames.SAMPLES];
        short[] voice = new short[Frames.SAMPLES];
        Arrays.fill(voice, (short) -800);
        buffer.push(1, 0, 7, false, voice, 0, voice.length);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.SILENCE);
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
        assertThat(counters.get(Counter.LATE_PACKETS) + counters.get(Counter.FRAMES_LOST)).isZero();
    }

    /** G.722: 16 kHz audio on an 8000 clock, 160 timestamp units per 320-sample frame. */
    @Test
    void placesWidebandFramesByAClockSlowerThanTheSampleRate() {
        JitterBuffer buffer = new JitterBuffer(1, new Counters());
        buffer.configure(16000, 8000);
        short[] frame = new short[Frames.WIDEBAND_SAMPLES];
        buffer.push(1, 1000, 9, false, filled(Frames.WIDEBAND_SAMPLES, 11), 0, Frames.WIDEBAND_SAMPLES);
        buffer.push(3, 1320, 9, false, filled(Frames.WIDEBAND_SAMPLES, 33), 0, Frames.WIDEBAND_SAMPLES);
        buffer.push(2, 1160, 9, false, filled(Frames.WIDEBAND_SAMPLES, 22), 0, Frames.WIDEBAND_SAMPLES);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.SILENCE);
        for (int value : new int[] {11, 22, 33}) {
            assertThat(buffer.pull(frame)).isEqualTo(FrameKind.AUDIO);
            assertThat(frame).containsOnly((short) value);
        }
    }

    /** Opus: 16 kHz audio on a 48000 clock, 960 timestamp units per 320-sample frame. */
    @Test
    void placesWidebandFramesByAClockFasterThanTheSampleRate() {
        JitterBuffer buffer = new JitterBuffer(1, new Counters());
        buffer.configure(16000, 48000);
        short[] frame = new short[Frames.WIDEBAND_SAMPLES];
        buffer.push(7, 96_000, 9, false, filled(Frames.WIDEBAND_SAMPLES, 5), 0, Frames.WIDEBAND_SAMPLES);
        buffer.push(9, 96_000 + 2 * 960, 9, false, filled(Frames.WIDEBAND_SAMPLES, 7), 0, Frames.WIDEBAND_SAMPLES);
        buffer.pull(frame);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.AUDIO);
        assertThat(frame).containsOnly((short) 5);
        assertThat(buffer.pull(frame)).as("packet 8 is missing").isEqualTo(FrameKind.CONCEALED);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.AUDIO);
        assertThat(frame).containsOnly((short) 7);
    }

    @Test
    void reportsBufferedAudioUntilItIsPlayedOut() {
        JitterBuffer buffer = new JitterBuffer(INITIAL_DELAY_FRAMES, new Counters());
        short[] frame = new short[Frames.SAMPLES];
        assertThat(buffer.hasBuffered()).isFalse();
        buffer.push(1, 0, 1, false, frame, 0, Frames.SAMPLES);
        buffer.push(2, 160, 1, false, frame, 0, Frames.SAMPLES);
        int pulls = 0;
        while (buffer.hasBuffered()) {
            buffer.pull(frame);
            pulls++;
        }
        assertThat(pulls).as("3 frames of delay, then the 2 frames").isEqualTo(INITIAL_DELAY_FRAMES + 2);
    }

    @Test
    void silentUntilTheFirstPacket() {
        JitterBuffer buffer = new JitterBuffer(INITIAL_DELAY_FRAMES, new Counters());
        short[] frame = new short[Frames.SAMPLES];
        Arrays.fill(frame, (short) 99);
        assertThat(buffer.pull(frame)).isEqualTo(FrameKind.SILENCE);
        assertThat(frame).containsOnly((short) 0);
    }

    @Test
    void estimatesInterarrivalJitterAsRfc3550() {
        JitterBuffer buffer = new JitterBuffer(INITIAL_DELAY_FRAMES, new Counters());
        short[] frame = new short[Frames.SAMPLES];
        short[] pcm = filled(Frames.SAMPLES, 500);
        double expected = 0;
        for (int i = 0; i < 200; i++) {
            // every other packet waits one tick: |D| is one frame (20 ms) for every packet after the first
            if (i % 2 == 0) {
                buffer.push(i, 160L * i, 1, false, pcm, 0, pcm.length);
                buffer.pull(frame);
            } else {
                buffer.pull(frame);
                buffer.push(i, 160L * i, 1, false, pcm, 0, pcm.length);
            }
            if (i > 0) {
                expected += (20 - expected) / 16;
            }
        }
        assertThat(buffer.jitterMillis()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(expected).isGreaterThan(19);
    }

    @Test
    void refusesDelaysOutsideTwentyToTwoHundredMilliseconds() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JitterBuffer(0, new Counters()))
                .hasMessageContaining("1..10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JitterBuffer(11, new Counters()))
                .hasMessageContaining("1..10");
    }

    private static short[] filled(int length, int value) {
        short[] samples = new short[length];
        Arrays.fill(samples, (short) value);
        return samples;
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
                yield Packet.tokenOf(frame[0]);
            }
        };
    }

    private static Map<String, Long> counts(Counters counters) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("late", counters.get(Counter.LATE_PACKETS));
        counts.put("reordered", counters.get(Counter.REORDERED_PACKETS));
        counts.put("duplicate", counters.get(Counter.DUPLICATE_PACKETS));
        counts.put("lost", counters.get(Counter.FRAMES_LOST));
        counts.put("concealed", counters.get(Counter.FRAMES_CONCEALED));
        counts.put("resyncs", counters.get(Counter.JITTER_RESYNCS));
        return counts;
    }

    /**
     * A packet of a scenario; its audio is a constant that identifies the sequence number: voiced packets carry
     * {@code (sequence % 300 + 2) × 100} (token: the sequence number modulo 300), silent ones (below -50 dBFS)
     * carry {@code sequence % 90 + 1} (token {@code s} and the sequence number modulo 90).
     */
    private record Packet(int sequence, long timestamp, int ssrc, boolean marker, boolean silent,
                          Arrival expected) {
        private static final int VOICED_CODES = 300;
        private static final int SILENT_CODES = 90;

        short[] pcm() {
            int value = silent ? sequence % SILENT_CODES + 1 : (sequence % VOICED_CODES + 2) * 100;
            return filled(Frames.SAMPLES, value);
        }

        static String tokenOf(short sample) {
            return sample >= 200 ? Integer.toString(sample / 100 - 2) : "s" + (sample - 1);
        }
    }

    private record Scenario(Map<Integer, List<Packet>> arrivals, Map<Integer, String> frames,
                            Map<Integer, Integer> delays, Map<String, Long> counts) {

        int ticks() {
            int last = Math.max(frames.keySet().stream().mapToInt(t -> t).max().orElse(0),
                    delays.keySet().stream().mapToInt(t -> t).max().orElse(0));
            return Math.max(last, arrivals.keySet().stream().mapToInt(t -> t).max().orElse(0)) + 1;
        }

        static Scenario load(String name) throws IOException {
            String text;
            try (InputStream in = JitterBufferTest.class.getResourceAsStream("/jitter/" + name + ".txt")) {
                assertThat(in).as("scenario file " + name).isNotNull();
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Scenario scenario = new Scenario(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new LinkedHashMap<>());
            int nextTick = 0;
            for (String line : text.lines().map(String::strip).toList()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+");
                switch (words[0]) {
                    case "arrive" -> scenario.add(Integer.parseInt(words[1]), packet(words));
                    case "stream" -> scenario.stream(words);
                    case "expect" -> nextTick = scenario.expect(nextTick, words, 1);
                    case "expect-at" -> scenario.expect(Integer.parseInt(words[1]), words, 2);
                    case "delay" -> scenario.delays.put(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                    case "counts" -> {
                        for (int i = 1; i < words.length; i++) {
                            String[] pair = words[i].split("=");
                            scenario.counts.put(pair[0], Long.parseLong(pair[1]));
                        }
                    }
                    default -> throw new IllegalArgumentException(name + ": cannot read line '" + line + "'");
                }
            }
            return scenario;
        }

        private void add(int tick, Packet packet) {
            arrivals.computeIfAbsent(tick, t -> new ArrayList<>()).add(packet);
        }

        /** {@code stream TICK SEQ TS COUNT [silent] [delays=a,b,...] [drop=s1,s2,...]}. */
        private void stream(String[] words) {
            int tick = Integer.parseInt(words[1]);
            int sequence = Integer.parseInt(words[2]);
            long timestamp = Long.parseLong(words[3]);
            int count = Integer.parseInt(words[4]);
            boolean silent = false;
            int[] delays = {0};
            List<Integer> dropped = new ArrayList<>();
            for (int i = 5; i < words.length; i++) {
                if (words[i].equals("silent")) {
                    silent = true;
                } else if (words[i].startsWith("delays=")) {
                    delays = Arrays.stream(words[i].substring(7).split(",")).mapToInt(Integer::parseInt).toArray();
                } else if (words[i].startsWith("drop=")) {
                    Arrays.stream(words[i].substring(5).split(",")).map(Integer::valueOf).forEach(dropped::add);
                } else {
                    throw new IllegalArgumentException("unknown stream field " + words[i]);
                }
            }
            List<int[]> order = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int seq = (sequence + i) & 0xFFFF;
                if (!dropped.contains(seq)) {
                    order.add(new int[] {tick + i + delays[i % delays.length], i});
                }
            }
            order.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            for (int[] arrival : order) {
                int i = arrival[1];
                add(arrival[0], new Packet((sequence + i) & 0xFFFF, (timestamp + 160L * i) & 0xFFFFFFFFL, 1,
                        false, silent, null));
            }
        }

        /** Expected frame tokens from {@code tick} on; {@code A..B} and {@code sA..sB} span sequence numbers. */
        private int expect(int tick, String[] words, int first) {
            for (int i = first; i < words.length; i++) {
                String word = words[i];
                if (word.contains("..")) {
                    boolean silent = word.startsWith("s");
                    String[] ends = (silent ? word.substring(1) : word).split("\\.\\.");
                    int from = Integer.parseInt(ends[0]);
                    int to = Integer.parseInt(ends[1].startsWith("s") ? ends[1].substring(1) : ends[1]);
                    for (int seq = from; seq <= to; seq++) {
                        frames.put(tick++, frameToken(silent ? "s" + seq : Integer.toString(seq)));
                    }
                } else {
                    frames.put(tick++, frameToken(word));
                }
            }
            return tick;
        }

        /** Sequence numbers name frames modulo {@link Packet#VOICED_CODES} (voiced) or 90 (silent). */
        private static String frameToken(String token) {
            if (token.chars().allMatch(Character::isDigit)) {
                return Integer.toString(Integer.parseInt(token) % Packet.VOICED_CODES);
            }
            if (token.length() > 1 && token.startsWith("s")) {
                return "s" + Integer.parseInt(token.substring(1)) % Packet.SILENT_CODES;
            }
            return token;
        }

        private static Packet packet(String[] words) {
            int sequence = Integer.parseInt(words[2]);
            long timestamp = Long.parseLong(words[3]);
            boolean marker = false;
            boolean silent = false;
            int ssrc = 1;
            Arrival expected = null;
            for (int i = 4; i < words.length; i++) {
                if (words[i].equals("M")) {
                    marker = true;
                } else if (words[i].equals("silent")) {
                    silent = true;
                } else if (words[i].startsWith("ssrc=")) {
                    ssrc = Integer.parseInt(words[i].substring(5));
                } else if (words[i].equals("=>")) {
                    expected = Arrival.valueOf(words[++i]);
                } else {
                    throw new IllegalArgumentException("unknown arrival field " + words[i]);
                }
            }
            return new Packet(sequence, timestamp, ssrc, marker, silent, expected);
        }
    }
}
