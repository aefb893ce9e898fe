package postbox.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import postbox.store.Deposit;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.MessageStore;
import postbox.store.MessageStoreContract;
import postbox.store.SettableClock;
import postbox.store.TestWavs;

class FileMessageStoreTest extends MessageStoreContract {

    @TempDir
    Path root;

    private final SettableClock clock = new SettableClock(T0);

    @Override
    protected MessageStore newStore() throws IOException {
        return FileMessageStore.open(root, clock);
    }

    @Override
    protected MessageStore reopen() throws IOException {
        return FileMessageStore.open(root, clock);
    }

    private Path incoming() {
        return root.resolve("incoming");
    }

    private Path messages(String mailbox) {
        return root.resolve("mailboxes").resolve(mailbox).resolve("messages");
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void commitLeavesAWavAndASidecarInTheMailboxAndNothingIncoming() throws IOException {
        MessageInfo info = deposit("201", T0, TestWavs.noise(8_000, 1));

        assertThat(info.id()).matches("20261126T021500000Z-[0-9a-f]{16}");
        assertThat(names(messages("201"))).containsExactly(info.id() + ".json", info.id() + ".wav");
        assertThat(names(incoming())).isEmpty();
        assertThat(Files.readString(messages("201").resolve(info.id() + ".json")))
                .contains("\"state\" : \"NEW\"", "\"receivedAt\" : \"2026-11-26T02:15:00Z\"");
    }

    @Test
    void idsSortByTime() throws IOException {
        String earlier;
        try (Deposit deposit = store.begin(depositFor("201", T0))) {
            earlier = deposit.id();
        }
        clock.advance(Duration.ofMillis(1));
        try (Deposit deposit = store.begin(depositFor("201", T0))) {
            assertThat(deposit.id()).isGreaterThan(earlier);
        }
    }

    @Test
    void aDepositIsDurableOnDiskWhileRecording() throws IOException {
        try (Deposit deposit = store.begin(depositFor("201", T0))) {
            assertThat(names(incoming())).containsExactly(deposit.id() + ".json", deposit.id() + ".wav");
            deposit.write(TestWavs.noise(4_000, 2), 0, 4_000);
            deposit.checkpoint();
            assertThat(Files.size(incoming().resolve(deposit.id() + ".wav"))).isEqualTo(44 + 8_000);
        }
        assertThat(names(incoming())).isEmpty();
    }

    @Test
    void anAbandonedDepositIsRecoveredWithItsAudio() throws IOException {
        short[] samples = TestWavs.noise(20_000, 3);
        Deposit abandoned = store.begin(depositFor("201", T0));
        writeInChunks(abandoned, samples);
        abandoned.checkpoint();

        MessageStore restarted = reopen();

        MessageInfo recovered = restarted.find("201", abandoned.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(MessageState.NEW);
        assertThat(recovered.durationMs()).isEqualTo(2500);
        assertThat(recovered.from()).isEqualTo("sip:alice@127.0.0.1");
        assertThat(recovered.receivedAt()).isEqualTo(T0);
        assertThat(audioOf(restarted, "201", abandoned.id())).isEqualTo(samples);
        assertThat(names(incoming())).isEmpty();
    }

    @Test
    void withoutACheckpointAtMostTheLastSecondIsLost() throws IOException {
        short[] samples = TestWavs.noise(20_000, 4);
        Deposit abandoned = store.begin(depositFor("201", T0));
        writeInChunks(abandoned, samples);

        MessageStore restarted = reopen();

        MessageInfo recovered = restarted.find("201", abandoned.id()).orElseThrow();
        assertThat(recovered.durationMs()).isBetween(1500L, 2500L);
        short[] audio = audioOf(restarted, "201", abandoned.id());
        assertThat(audio).isEqualTo(Arrays.copyOf(samples, audio.length));
    }

    @Test
    void anAbandonedDepositUnderOneSecondIsDropped() throws IOException {
        Deposit abandoned = store.begin(depositFor("201", T0));
        abandoned.write(TestWavs.noise(4_000, 5), 0, 4_000);
        abandoned.checkpoint();

        MessageStore restarted = reopen();

        assertThat(restarted.list("201")).isEmpty();
        assertThat(names(incoming())).isEmpty();
    }

    @Test
    void aHeaderNeverPatchedWithATornLastByteStillRecovers() throws IOException {
        short[] samples = TestWavs.noise(9_000, 6);
        String id = "20261126T021500000Z-00000000000000c3";
        ByteBuffer wav = ByteBuffer.allocate(44 + samples.length * 2 + 1).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(TestWavs.wav(new short[0]));
        for (short sample : samples) {
            wav.putShort(sample);
        }
        wav.put((byte) 0x7f);
        Files.write(incoming().resolve(id + ".wav"), wav.array());
        Files.writeString(incoming().resolve(id + ".json"), resource("incoming-sidecar.json"));

        MessageStore restarted = reopen();

        assertThat(restarted.list("201")).containsExactly(
                new MessageInfo(id, "201", "sip:bob@127.0.0.1", T0, 1125, MessageState.NEW));
        assertThat(audioOf(restarted, "201", id)).isEqualTo(samples);
        assertThat(TestWavs.samples(Files.readAllBytes(messages("201").resolve(id + ".wav")))).isEqualTo(samples);
    }

    @Test
    void aCommitInterruptedAfterMovingTheWavIsCompleted() throws IOException {
        short[] samples = TestWavs.noise(12_000, 7);
        Deposit interrupted = store.begin(depositFor("201", T0));
        interrupted.write(samples, 0, samples.length);
        interrupted.checkpoint();
        Files.createDirectories(messages("201"));
        Files.move(incoming().resolve(interrupted.id() + ".wav"), messages("201").resolve(interrupted.id() + ".wav"));

        MessageStore restarted = reopen();

        assertThat(restarted.find("201", interrupted.id())).map(MessageInfo::durationMs).contains(1500L);
        assertThat(audioOf(restarted, "201", interrupted.id())).isEqualTo(samples);
        assertThat(names(incoming())).isEmpty();
    }

    @Test
    void aCommitInterruptedBeforeDeletingTheIncomingSidecarIsFinished() throws IOException {
        MessageInfo info = deposit("201", T0, TestWavs.noise(800, 8));
        MessageInfo opened = store.setState("201", info.id(), MessageState.SAVED);
        Files.writeString(incoming().resolve(info.id() + ".json"),
                Files.readString(messages("201").resolve(info.id() + ".json")).replace("SAVED", "NEW"));

        MessageStore restarted = reopen();

        assertThat(restarted.list("201")).containsExactly(opened);
        assertThat(names(incoming())).isEmpty();
    }

    @Test
    void leftoverTempFilesAndOrphanAudioAreDeleted() throws IOException {
        MessageInfo info = deposit("201", T0, TestWavs.noise(800, 9));
        Files.writeString(incoming().resolve(".abc.json.123.tmp"), "{");
        Files.writeString(messages("201").resolve("." + info.id() + ".json.456.tmp"), "{\"id\"");
        Files.write(incoming().resolve("20261126T021500000Z-00000000000000d4.wav"), TestWavs.wav(new short[8]));
        Files.write(messages("201").resolve("orphan-1.wav"), TestWavs.wav(new short[8]));

        MessageStore restarted = reopen();

        assertThat(restarted.list("201")).containsExactly(info);
        assertThat(names(incoming())).isEmpty();
        assertThat(names(messages("201"))).containsExactly(info.id() + ".json", info.id() + ".wav");
    }

    @Test
    void aCorruptSidecarIsReportedWithItsPathAndSkipped() throws IOException {
        MessageInfo good = deposit("201", T0, TestWavs.noise(800, 10));
        MessageInfo bad = deposit("201", T0.plusSeconds(1), TestWavs.noise(800, 11));
        Path badSidecar = messages("201").resolve(bad.id() + ".json");
        Files.writeString(badSidecar, "{\"id\": \"" + bad.id() + "\", \"mailb");

        ListAppender<ILoggingEvent> logged = captureLogs();
        MessageStore restarted;
        try {
            restarted = reopen();
        } finally {
            stopCapture(logged);
        }

        assertThat(restarted.list("201")).containsExactly(good);
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
            assertThat(event.getFormattedMessage()).contains(badSidecar.toString());
        });
        assertThat(badSidecar).exists();
    }

    @Test
    void putConvertsOtherWavFormats() throws IOException {
        MessageInfo info = new MessageInfo("wideband-1", "201", "", T0, 1000, MessageState.NEW);

        MessageInfo stored = store.put(info, new ByteArrayInputStream(TestWavs.sineWav(16_000, 2)));

        assertThat(stored.durationMs()).isBetween(990L, 1010L);
        assertThat(audioOf(store, "201", info.id()).length).isBetween(7_990, 8_010);
    }

    @Test
    void aDepositCannotBeUsedAfterItsCommit() throws IOException {
        Deposit deposit = store.begin(depositFor("201", T0));
        deposit.write(new short[800], 0, 800);
        deposit.commit(800);

        assertThatThrownBy(() -> deposit.write(new short[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> deposit.commit(1)).isInstanceOf(IllegalStateException.class);
        deposit.close();
        assertThat(store.list("201")).hasSize(1);
    }

    private static String resource(String name) throws IOException {
        try (var in = FileMessageStoreTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(FileMessageStore.class)).addAppender(appender);
        return appender;
    }

    private static void stopCapture(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(FileMessageStore.class)).detachAppender(appender);
        appender.stop();
    }
}
