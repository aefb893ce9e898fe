package postbox.store.file;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import postbox.store.Deposit;
import postbox.store.DepositInfo;
import postbox.store.TestWavs;

/**
 * A process for {@link DepositCrashIT} to kill: records {@link #AUDIO} into a deposit in 20 ms frames at real time
 * (never checkpointing), announces {@code RECORDING <id>} on stdout after {@link #ANNOUNCE_AFTER_FRAMES} frames,
 * and keeps recording until it is killed. Arguments: the data root, the mailbox.
 */
public final class RecordingProcess {

    static final short[] AUDIO = TestWavs.noise(8000 * 60, 42);
    static final int FRAME_SAMPLES = 160;
    static final int ANNOUNCE_AFTER_FRAMES = 150;

    private RecordingProcess() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream control = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        FileMessageStore store = FileMessageStore.open(Path.of(args[0]), Clock.systemUTC());
        Deposit deposit = store.begin(new DepositInfo(args[1], "crash-test", Instant.now()));
        long nextNanos = System.nanoTime();
        for (int frame = 0; frame * FRAME_SAMPLES < AUDIO.length; frame++) {
            deposit.write(AUDIO, frame * FRAME_SAMPLES, FRAME_SAMPLES);
            if (frame + 1 == ANNOUNCE_AFTER_FRAMES) {
                control.println("RECORDING " + deposit.id());
            }
            nextNanos += 20_000_000;
            long waitNanos = nextNanos - System.nanoTime();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
    }
}
