package postbox.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMH-less micro benchmark, printed: nanoseconds and bytes allocated per 20 ms frame (encode + decode) for every
 * codec, and for FFmpeg's G.722 through JavaCPP next to ours. Best of five rounds of 4 s of the reference signal,
 * after warming up, on this thread. It fails only for gross regressions (a frame costing more than 10 ms,
 * half a tick, allowing for a loaded machine) and for allocation where there must be none (all but JSpeex).
 */
class CodecCostTest {
    private static final Logger log = LoggerFactory.getLogger(CodecCostTest.class);
    private static final int ROUNDS = 5;

    @Test
    void measuresEveryCodecPerFrame() {
        Map<String, Cost> costs = new LinkedHashMap<>();
        for (CodecFormat format : Codecs.supported()) {
            try (Codec codec = Codecs.create(format.encodingName(), format.clockRate(), "")) {
                costs.put(format.token(), measure(format.sampleRate(), (in, payload, out) -> {
                    int length = codec.encode(in, payload, 0);
                    codec.decode(payload, 0, length, out);
                }));
            }
        }
        try (FfmpegG722 ffmpeg = new FfmpegG722()) {
            costs.put("G722 (FFmpeg via JavaCPP)", measure(16000, (in, payload, out) -> {
                int length = ffmpeg.encode(in, payload);
                ffmpeg.decode(payload, length, out);
            }));
        }
        costs.forEach((codec, cost) -> log.info("{}: {} ns and {} bytes per 20 ms frame, encode + decode", codec,
                cost.nanos(), cost.bytes()));
        costs.forEach((codec, cost) -> assertThat(cost.nanos()).as(codec).isLessThan(10_000_000));
        for (String allocationFree : new String[] {"PCMU", "PCMA", "G722", "opus"}) {
            assertThat(costs.get(allocationFree).bytes()).as(allocationFree + " allocates").isZero();
        }
    }

    private record Cost(long nanos, long bytes) {
    }

    @FunctionalInterface
    private interface FrameWork {
        void run(short[] in, byte[] payload, short[] out);
    }

    private static Cost measure(int sampleRate, FrameWork work) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        short[] signal = TestSignals.sweepThenSpeechLikeNoise(sampleRate, 4);
        int frame = sampleRate / 50;
        short[] in = new short[frame];
        short[] out = new short[4 * frame];
        byte[] payload = new byte[Codec.MAX_PAYLOAD];
        long bestNanos = Long.MAX_VALUE;
        long bestBytes = Long.MAX_VALUE;
        for (int round = 0; round <= ROUNDS; round++) {
            int frames = 0;
            long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            long startNanos = System.nanoTime();
            for (int at = 0; at + frame <= signal.length; at += frame) {
                System.arraycopy(signal, at, in, 0, frame);
                work.run(in, payload, out);
                frames++;
            }
            long nanos = (System.nanoTime() - startNanos) / frames;
            long bytes = (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / frames;
            if (round > 0) {
                bestNanos = Math.min(bestNanos, nanos);
                bestBytes = Math.min(bestBytes, bytes);
            }
        }
        return new Cost(bestNanos, bestBytes);
    }
}
