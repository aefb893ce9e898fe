package postbox.ivr.voicemail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import postbox.ivr.FakeCall;
import postbox.ivr.prompt.TestPrompts;
import postbox.media.Frames;
import postbox.store.Deposit;
import postbox.store.DepositInfo;
import postbox.store.GreetingKind;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.PinHasher;
import postbox.store.SettableClock;
import postbox.store.TestWavs;
import postbox.store.file.FileGreetingStore;
import postbox.store.file.FileMailboxDirectory;
import postbox.store.file.FileMessageStore;

/**
 * The real file stores in a temporary directory, mailboxes 201 (PIN 1793) and 202 (PIN 2684), a settable clock
 * at Friday 14 March 2025 14:15 UTC, and the English phrase book. One per test; single-threaded.
 */
final class VoicemailFixture {

    static final ZoneId ZONE = ZoneOffset.UTC;
    static final Instant START = Instant.parse("2025-03-14T14:15:00Z");

    final SettableClock clock = new SettableClock(START);
    final FileMessageStore messages;
    final FileMailboxDirectory mailboxes;
    final FileGreetingStore greetings;
    final Voicemail voicemail;
    private long seed;

    VoicemailFixture(Path root) throws IOException {
        messages = FileMessageStore.open(root.resolve("messages"), clock);
        mailboxes = FileMailboxDirectory.open(root.resolve("mailboxes"), clock, new PinHasher(1));
        greetings = FileGreetingStore.open(root.resolve("greetings"));
        mailboxes.create("201", "Alice", "1793");
        mailboxes.create("202", "Bob", "2684");
        voicemail = Voicemail.english(messages, mailboxes, greetings, FlowSettings.defaults(ZONE, clock));
    }

    /** A caller whose every phrase must exist in the English prompts. */
    FakeCall call(String callerNumber) {
        return new FakeCall(callerNumber, TestPrompts.english().ids());
    }

    /** A message of {@code seconds} of seeded noise left for {@code mailbox} now; the clock then moves 1 min on. */
    Stored leave(String mailbox, String from, int seconds) throws IOException {
        short[] audio = TestWavs.noise(seconds * Frames.RATE, ++seed);
        MessageInfo info;
        try (Deposit deposit = messages.begin(new DepositInfo(mailbox, from, clock.instant()))) {
            deposit.write(audio, 0, audio.length);
            info = deposit.commit(audio.length);
        }
        clock.advance(Duration.ofMinutes(1));
        return new Stored(info, audio);
    }

    /** {@link #leave} then moves the message to {@code state}. */
    Stored leave(String mailbox, String from, int seconds, MessageState state) throws IOException {
        Stored stored = leave(mailbox, from, seconds);
        messages.setState(mailbox, stored.info().id(), state);
        return stored;
    }

    /** Records a greeting of seeded noise and returns its samples. */
    short[] greeting(String mailbox, GreetingKind kind) throws IOException {
        short[] audio = TestWavs.noise(Frames.RATE / 2, ++seed);
        greetings.put(mailbox, kind, new ByteArrayInputStream(TestWavs.wav(audio)));
        return audio;
    }

    MessageState state(String mailbox, Stored message) {
        return messages.find(mailbox, message.info().id()).orElseThrow().state();
    }

    /** A stored message and the samples it was made of. */
    record Stored(MessageInfo info, short[] audio) {
        String label() {
            return "message:" + info.id();
        }
    }
}
