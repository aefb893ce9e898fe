package postbox.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import postbox.bench.audio.FrameMark;
import postbox.bench.audio.RecordingCheck;
import postbox.bench.audio.Wav;
import postbox.bench.server.AdminClient;

/**
 * After the calls: waits for the server to store their messages, downloads each (four at a time) and checks it
 * frame by frame against the call whose number its frames carry. Blocking, on the run's thread; {@link #checked}
 * is thread-safe.
 */
final class RecordingAudit {
    private static final Duration MESSAGES = Duration.ofSeconds(30);
    private static final Duration MESSAGES_STABLE = Duration.ofSeconds(5);
    private static final int DOWNLOADS = 4;

    /**
     * What the audit found.
     *
     * @param perCall    each call's check, null when no message of it was found
     * @param unreadable messages without a frame of this run, or a second message for a call
     */
    record Result(RecordingCheck[] perCall, int unreadable) {
    }

    private final AdminClient admin;
    private final String mailbox;
    private final AtomicInteger checked = new AtomicInteger();

    RecordingAudit(AdminClient admin, String mailbox) {
        this.admin = admin;
        this.mailbox = mailbox;
    }

    /** Messages checked so far. */
    int checked() {
        return checked.get();
    }

    /**
     * Audits the messages of {@code framesSent.length} calls.
     *
     * @param framesSent how many frames each call sent
     * @param expected   how many messages to wait for (the calls answered)
     */
    Result run(int[] framesSent, int expected) throws IOException, InterruptedException {
        List<AdminClient.Message> messages = awaitMessages(expected);
        record Checked(int call, RecordingCheck check) {
        }
        RecordingCheck[] perCall = new RecordingCheck[framesSent.length];
        List<Future<Checked>> pending = new ArrayList<>();
        try (ExecutorService downloads = Executors.newFixedThreadPool(DOWNLOADS)) {
            for (AdminClient.Message message : messages) {
                pending.add(downloads.submit(() -> {
                    short[] pcm = Wav.samples(admin.audio(mailbox, message.id()));
                    List<FrameMark.Mark> marks = FrameMark.scan(pcm, pcm.length);
                    int call = RecordingCheck.callOf(marks);
                    checked.incrementAndGet();
                    if (call < 0 || call >= framesSent.length) {
                        return new Checked(-1, null);
                    }
                    return new Checked(call, RecordingCheck.of(marks, call, framesSent[call] - 1));
                }));
            }
            int unreadable = 0;
            for (Future<Checked> future : pending) {
                Checked result;
                try {
                    result = future.get();
                } catch (ExecutionException e) {
                    throw new IOException("checking a message failed: " + e.getCause(), e.getCause());
                }
                if (result.call() < 0 || perCall[result.call()] != null) {
                    unreadable++;
                } else {
                    perCall[result.call()] = result.check();
                }
            }
            return new Result(perCall, unreadable);
        }
    }

    /** Waits until {@code expected} messages are stored, or their count has not moved for 5 s (30 s at most). */
    private List<AdminClient.Message> awaitMessages(int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + MESSAGES.toNanos();
        long stableSince = System.nanoTime();
        List<AdminClient.Message> messages = admin.messages(mailbox);
        while (messages.size() < expected && System.nanoTime() < deadline
                && System.nanoTime() - stableSince < MESSAGES_STABLE.toNanos()) {
            Thread.sleep(500);
            List<AdminClient.Message> now = admin.messages(mailbox);
            if (now.size() != messages.size()) {
                stableSince = System.nanoTime();
            }
            messages = now;
        }
        return messages;
    }
}
