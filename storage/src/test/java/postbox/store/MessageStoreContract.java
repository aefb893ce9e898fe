package postbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do. A store passes by extending this class and supplying
 * {@link #newStore()} (a fresh, empty store) and {@link #reopen()} (a new instance over the same storage, as after
 * a restart).
 */
public abstract class MessageStoreContract {

    protected static final Instant T0 = Instant.parse("2026-11-26T02:15:00Z");

    protected MessageStore store;

    /** A new, empty store; called before each test. */
    protected abstract MessageStore newStore() throws IOException;

    /** A new instance over the storage of the last {@link #newStore()}, as after a restart of the server. */
    protected abstract MessageStore reopen() throws IOException;

    @BeforeEach
    void createStore() throws IOException {
        store = newStore();
    }

    protected static DepositInfo depositFor(String mailbox, Instant receivedAt) {
        return new DepositInfo(mailbox, "sip:alice@127.0.0.1", receivedAt);
    }

    /** Deposits {@code samples} (in uneven chunks) and commits them all. */
    protected MessageInfo deposit(String mailbox, Instant receivedAt, short[] samples) throws IOException {
        try (Deposit deposit = store.begin(depositFor(mailbox, receivedAt))) {
            writeInChunks(deposit, samples);
            return deposit.commit(samples.length);
        }
    }

    protected static void writeInChunks(Deposit deposit, short[] samples) throws IOException {
        int offset = 0;
        int chunk = 1;
        while (offset < samples.length) {
            int count = Math.min(chunk, samples.length - offset);
            deposit.write(samples, offset, count);
            offset += count;
            chunk = chunk * 3 % 997 + 7;
        }
    }

    protected short[] audioOf(MessageStore messages, String mailbox, String id) throws IOException {
        return TestWavs.samples(messages.openAudio(mailbox, id));
    }

    @Test
    void committedDepositRoundTripsBitExact() throws IOException {
        short[] samples = TestWavs.noise(12_000, 1);
        MessageInfo info;
        String id;
        try (Deposit deposit = store.begin(new DepositInfo("201", "sip:alice@127.0.0.1", T0))) {
            id = deposit.id();
            writeInChunks(deposit, samples);
            assertThat(deposit.samples()).isEqualTo(12_000);
            info = deposit.commit(12_000);
        }

        assertThat(info).isEqualTo(new MessageInfo(id, "201", "sip:alice@127.0.0.1", T0, 1500, MessageState.NEW));
        assertThat(store.list("201")).containsExactly(info);
        assertThat(store.find("201", id)).contains(info);
        assertThat(store.counts("201")).isEqualTo(new MessageCounts(1, 0, 0));
        assertThat(audioOf(store, "201", id)).isEqualTo(samples);
    }

    @Test
    void commitKeepsOnlyTheFirstKeepSamples() throws IOException {
        short[] samples = TestWavs.noise(16_000, 2);
        MessageInfo info;
        try (Deposit deposit = store.begin(depositFor("201", T0))) {
            deposit.write(samples, 0, samples.length);
            info = deposit.commit(12_000);
        }

        assertThat(info.durationMs()).isEqualTo(1500);
        assertThat(audioOf(store, "201", info.id())).isEqualTo(Arrays.copyOf(samples, 12_000));
    }

    @Test
    void depositPlaysBackWhatWasWrittenSoFar() throws IOException {
        short[] samples = TestWavs.noise(9_000, 3);
        try (Deposit deposit = store.begin(depositFor("201", T0))) {
            deposit.write(samples, 0, 5_000);
            assertThat(TestWavs.samples(deposit.openAudio())).isEqualTo(Arrays.copyOf(samples, 5_000));
            deposit.write(samples, 5_000, 4_000);
            assertThat(TestWavs.samples(deposit.openAudio())).isEqualTo(samples);
            MessageInfo info = deposit.commit(9_000);
            assertThat(audioOf(store, "201", info.id())).isEqualTo(samples);
        }
    }

    @Test
    void restartDiscardsTheSamplesWrittenBefore() throws IOException {
        short[] first = TestWavs.noise(10_000, 4);
        short[] second = TestWavs.noise(8_800, 5);
        try (Deposit deposit = store.begin(depositFor("201", T0))) {
            String id = deposit.id();
            deposit.write(first, 0, first.length);
            deposit.checkpoint();
            deposit.restart();
            assertThat(deposit.samples()).isZero();
            assertThat(deposit.id()).isEqualTo(id);
            deposit.write(second, 0, second.length);
            MessageInfo info = deposit.commit(second.length);
            assertThat(info.id()).isEqualTo(id);
            assertThat(info.durationMs()).isEqualTo(1100);
        }
        assertThat(audioOf(store, "201", store.list("201").get(0).id())).isEqualTo(second);
    }

    @Test
    void abortLeavesNothing() throws IOException {
        try (Deposit deposit = store.begin(depositFor("201", T0))) {
            deposit.write(TestWavs.noise(16_000, 6), 0, 16_000);
            deposit.checkpoint();
            deposit.abort();
        }
        assertThat(store.list("201")).isEmpty();
        assertThat(store.counts("201")).isEqualTo(MessageCounts.EMPTY);
        assertThat(reopen().list("201")).isEmpty();
    }

    @Test
    void closeWithoutCommitLeavesNothing() throws IOException {
        try (Deposit deposit = store.begin(depositFor("201", T0))) {
            deposit.write(TestWavs.noise(16_000, 7), 0, 16_000);
            deposit.checkpoint();
        }
        assertThat(store.list("201")).isEmpty();
        assertThat(reopen().list("201")).isEmpty();
    }

    @Test
    void closeAfterCommitKeepsTheMessage() throws IOException {
        MessageInfo info = deposit("201", T0, TestWavs.noise(8_000, 8));
        assertThat(store.list("201")).containsExactly(info);
    }

    @Test
    void statesAndCounts() throws IOException {
        List<MessageInfo> infos = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            infos.add(deposit("201", T0.plusSeconds(i), TestWavs.noise(800, 10 + i)));
        }
        store.setState("201", infos.get(1).id(), MessageState.OLD);
        store.setState("201", infos.get(2).id(), MessageState.OLD);
        store.setState("201", infos.get(3).id(), MessageState.SAVED);
        MessageInfo deleted = store.setState("201", infos.get(4).id(), MessageState.DELETED);

        assertThat(deleted).isEqualTo(withState(infos.get(4), MessageState.DELETED));
        assertThat(store.counts("201")).isEqualTo(new MessageCounts(2, 2, 1));
        assertThat(store.list("201")).hasSize(6).contains(deleted);
        assertThat(store.find("201", infos.get(3).id())).contains(withState(infos.get(3), MessageState.SAVED));

        store.setState("201", infos.get(4).id(), MessageState.SAVED);
        assertThat(store.counts("201")).isEqualTo(new MessageCounts(2, 2, 2));
        assertThat(store.counts("202")).isEqualTo(MessageCounts.EMPTY);
    }

    @Test
    void listenersHearEveryChangeOfCountsOnceItIsDone() throws IOException {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.addListener((mailbox, counts) -> heard.add(mailbox + " " + counts.newCount() + "/" + counts.oldCount()
                + "/" + counts.savedCount() + " stored=" + store.counts(mailbox).equals(counts)));

        MessageInfo message = deposit("201", T0, TestWavs.noise(8_000, 30));
        store.setState("201", message.id(), MessageState.OLD);
        store.setState("201", message.id(), MessageState.OLD); // no change, nothing to hear
        store.setState("201", message.id(), MessageState.SAVED);
        store.setState("201", message.id(), MessageState.DELETED);
        MessageInfo put = new MessageInfo("20261126T021500000Z-00000000000000c3", "202", "203", T0, 500,
                MessageState.NEW);
        store.put(put, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(4_000, 31))));
        store.put(put, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(4_000, 31)))); // already there
        try (Deposit aborted = store.begin(depositFor("203", T0))) {
            aborted.write(TestWavs.noise(8_000, 32), 0, 8_000);
            aborted.abort();
        }

        assertThat(heard).containsExactly("201 1/0/0 stored=true", "201 0/1/0 stored=true", "201 0/0/1 stored=true",
                "201 0/0/0 stored=true", "202 1/0/0 stored=true");
    }

    @Test
    void putStoresAWholeMessageUnderItsId() throws IOException {
        short[] samples = TestWavs.noise(4_000, 20);
        MessageInfo info = new MessageInfo("20261126T021500000Z-00000000000000a1", "202", "203", T0, 500,
                MessageState.SAVED);

        MessageInfo stored = store.put(info, new ByteArrayInputStream(TestWavs.wav(samples)));

        assertThat(stored).isEqualTo(info);
        assertThat(store.list("202")).containsExactly(info);
        assertThat(audioOf(store, "202", info.id())).isEqualTo(samples);
    }

    @Test
    void putIsIdempotentById() throws IOException {
        MessageInfo first = new MessageInfo("20261126T021500000Z-00000000000000b2", "202", "203", T0, 500,
                MessageState.NEW);
        short[] samples = TestWavs.noise(4_000, 21);
        store.put(first, new ByteArrayInputStream(TestWavs.wav(samples)));
        store.setState("202", first.id(), MessageState.SAVED);

        MessageInfo again = new MessageInfo(first.id(), "202", "other", T0.plusSeconds(9), 1000, MessageState.NEW);
        MessageInfo returned = store.put(again, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(8_000, 22))));

        assertThat(returned).isEqualTo(withState(first, MessageState.SAVED));
        assertThat(store.list("202")).containsExactly(returned);
        assertThat(audioOf(store, "202", first.id())).isEqualTo(samples);
        assertThat(reopen().list("202")).containsExactly(returned);
    }

    @Test
    void listIsOldestFirst() throws IOException {
        int[] order = {3, 0, 4, 1, 2};
        for (int i : order) {
            store.put(new MessageInfo("m" + i, "201", "", T0.plusSeconds(i), 125, MessageState.NEW),
                    new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(1_000, i))));
        }
        MessageInfo deposited = deposit("201", T0.plusSeconds(2).plusMillis(500), TestWavs.noise(800, 9));

        assertThat(store.list("201")).extracting(MessageInfo::id)
                .containsExactly("m0", "m1", "m2", deposited.id(), "m3", "m4");
    }

    @Test
    void mailboxesAreSeparate() throws IOException {
        MessageInfo a = deposit("201", T0, TestWavs.noise(800, 30));
        MessageInfo b = deposit("202", T0, TestWavs.noise(800, 31));

        assertThat(store.list("201")).containsExactly(a);
        assertThat(store.list("202")).containsExactly(b);
        assertThat(store.find("201", b.id())).isEmpty();
        assertThat(store.list("203")).isEmpty();
    }

    @Test
    void messagesSurviveAReopen() throws IOException {
        short[] samples = TestWavs.noise(10_000, 40);
        MessageInfo deposited = deposit("201", T0, samples);
        MessageInfo saved = store.setState("201", deposited.id(), MessageState.SAVED);
        MessageInfo put = store.put(new MessageInfo("imported-1", "201", "", T0.plusSeconds(5), 125,
                MessageState.OLD), new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(1_000, 41))));

        MessageStore reopened = reopen();

        assertThat(reopened.list("201")).containsExactly(saved, put);
        assertThat(reopened.counts("201")).isEqualTo(new MessageCounts(0, 1, 1));
        assertThat(audioOf(reopened, "201", deposited.id())).isEqualTo(samples);
    }

    @Test
    void concurrentDepositsInManyMailboxes() throws Exception {
        int threads = 8;
        int perThread = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<String, short[]>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    Map<String, short[]> written = new HashMap<>();
                    for (int n = 0; n < perThread; n++) {
                        String mailbox = String.valueOf(300 + (thread + n) % 5);
                        short[] samples = TestWavs.noise(1_600 + 80 * n, thread * 100L + n);
                        MessageInfo info = deposit(mailbox, T0.plusMillis(n), samples);
                        written.put(mailbox + "/" + info.id(), samples);
                    }
                    return written;
                }));
            }
            Map<String, short[]> all = new HashMap<>();
            for (Future<Map<String, short[]>> result : results) {
                all.putAll(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(all).hasSize(threads * perThread);
            int listed = 0;
            Set<String> ids = new HashSet<>();
            for (int m = 300; m < 305; m++) {
                String mailbox = String.valueOf(m);
                for (MessageInfo info : store.list(mailbox)) {
                    assertThat(audioOf(store, mailbox, info.id())).isEqualTo(all.get(mailbox + "/" + info.id()));
                    ids.add(info.id());
                    listed++;
                }
                assertThat(store.counts(mailbox).newCount()).isEqualTo(store.list(mailbox).size());
            }
            assertThat(listed).isEqualTo(threads * perThread);
            assertThat(ids).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void unknownMessages() {
        assertThat(store.find("201", "nope")).isEmpty();
        assertThatThrownBy(() -> store.setState("201", "nope", MessageState.OLD))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> store.openAudio("201", "nope"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("nope");
    }

    @Test
    void mailboxIdsMustBeDigits() {
        for (String bad : new String[] {"../201", "20a", "", "1234567890123456", "201/../202"}) {
            assertThatThrownBy(() -> store.begin(depositFor(bad, T0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digits");
            assertThatThrownBy(() -> store.list(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.put(new MessageInfo("x1", bad, "", T0, 0, MessageState.NEW),
                    new ByteArrayInputStream(TestWavs.wav(new short[8]))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void putRejectsUnsafeMessageIds() {
        for (String bad : new String[] {"../x", "a/b", "", ".hidden", "a\u0000b"}) {
            assertThatThrownBy(() -> store.put(new MessageInfo(bad, "201", "", T0, 0, MessageState.NEW),
                    new ByteArrayInputStream(TestWavs.wav(new short[8]))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message id");
        }
        assertThat(store.list("201")).isEmpty();
    }

    @Test
    void putRejectsANonWavBody() {
        MessageInfo info = new MessageInfo("not-audio", "201", "", T0, 0, MessageState.NEW);
        assertThatThrownBy(() -> store.put(info, new ByteArrayInputStream("hello, not a wav".getBytes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a WAV file");
        assertThat(store.list("201")).isEmpty();
    }

    @Test
    void depositIdsAreUnique() throws IOException {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            try (Deposit deposit = store.begin(depositFor("201", T0))) {
                ids.add(deposit.id());
            }
        }
        assertThat(ids).hasSize(50);
    }

    @Test
    void removeDeletesAMessageForGoodAndTellsListeners() throws IOException {
        MessageInfo kept = deposit("201", T0, TestWavs.noise(800, 40));
        MessageInfo removed = deposit("201", T0.plusSeconds(1), TestWavs.noise(800, 41));
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.addListener((mailbox, counts) -> heard.add(mailbox + " " + counts.newCount()));

        store.remove("201", removed.id());

        assertThat(store.list("201")).containsExactly(kept);
        assertThat(store.find("201", removed.id())).isEmpty();
        assertThat(heard).containsExactly("201 1");
        assertThatThrownBy(() -> store.openAudio("201", removed.id())).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> store.remove("201", removed.id())).isInstanceOf(NoSuchElementException.class);
        assertThat(reopen().list("201")).containsExactly(kept);
        MessageInfo back = store.put(removed, new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(800, 41))));
        assertThat(back).isEqualTo(removed);
    }

    @Test
    void mailboxesAreThoseHoldingMessages() throws IOException {
        assertThat(store.mailboxes()).isEmpty();
        deposit("1000", T0, TestWavs.noise(800, 42));
        MessageInfo only = deposit("99", T0, TestWavs.noise(800, 43));
        deposit("201", T0, TestWavs.noise(800, 44));
        store.setState("201", store.list("201").get(0).id(), MessageState.DELETED);

        assertThat(store.mailboxes()).containsExactly("99", "201", "1000");
        store.remove("99", only.id());
        assertThat(store.mailboxes()).containsExactly("201", "1000");
        assertThat(reopen().mailboxes()).containsExactly("201", "1000");
    }

    protected static MessageInfo withState(MessageInfo info, MessageState state) {
        return new MessageInfo(info.id(), info.mailbox(), info.from(), info.receivedAt(), info.durationMs(), state);
    }
}
