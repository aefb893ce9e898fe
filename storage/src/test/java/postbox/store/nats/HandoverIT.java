package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.api.ObjectInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import postbox.store.Deposit;
import postbox.store.DepositInfo;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.MessageStore;
import postbox.store.TestWavs;

/**
 * Messages left on the backup reach the primary's store exactly once, through real nats-server processes in both
 * deployments, also when the sender or the receiver dies between its steps.
 */
class HandoverIT {

    private static final String NET = "pbx-test";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final Closer closer = new Closer();
    private NatsDeployment deployment;
    private NodeStores primary;
    private NodeStores backup;
    private NatsLink primaryLink;
    private HandoverSender sender;

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private void startNodes(NatsDeployment.Kind kind) throws Exception {
        deployment = closer.add(NatsDeployment.start(kind, dir.resolve("nats")));
        primary = NodeStores.open(dir.resolve("primary"));
        backup = NodeStores.open(dir.resolve("backup"));
        primaryLink = closer.add(NatsLink.connect(deployment.primaryUrl(), "primary"));
        NatsLink backupLink = closer.add(NatsLink.connect(deployment.backupUrl(), "backup"));
        await().atMost(BOUND).until(() -> primaryLink.connected() && backupLink.connected());
        sender = new HandoverSender(backupLink, NET, deployment.primaryDomain());
    }

    private HandoverReceiver receiver(MessageStore store) {
        return closer.add(HandoverReceiver.start(primaryLink, NET, store));
    }

    /** Records a message on the backup, as a caller leaving it while the backup was active would. */
    private MessageInfo leave(String mailbox, int seconds, long seed, MessageState state) throws IOException {
        short[] samples = TestWavs.noise(8_000 + seconds * 800, seed);
        MessageInfo info;
        try (Deposit deposit = backup.messages().begin(new DepositInfo(mailbox, "sip:caller" + seed + "@127.0.0.1",
                Instant.parse("2026-11-26T02:15:00Z").plusSeconds(seconds)))) {
            deposit.write(samples, 0, samples.length);
            info = deposit.commit(samples.length);
        }
        return state == MessageState.NEW ? info : backup.messages().setState(mailbox, info.id(), state);
    }

    private List<String> waiting() throws Exception {
        return primaryLink.objectStore(new Network(NET).handoverBucket(), null).getList().stream()
                .filter(info -> !info.isDeleted()).map(ObjectInfo::getObjectName).toList();
    }

    private static short[] audio(MessageStore store, MessageInfo info) throws IOException {
        return TestWavs.samples(store.openAudio(info.mailbox(), info.id()));
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void everyMessageReachesThePrimaryOnceWithItsAudioAndState(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        List<MessageInfo> left = List.of(leave("201", 1, 1, MessageState.NEW), leave("201", 2, 2, MessageState.SAVED),
                leave("202", 3, 3, MessageState.OLD));
        List<short[]> sounds = new ArrayList<>();
        for (MessageInfo info : left) {
            sounds.add(audio(backup.messages(), info));
        }
        List<String> mwi = new CopyOnWriteArrayList<>();
        primary.messages().addListener((mailbox, counts) -> mwi.add(mailbox + " " + counts.newCount()));
        HandoverReceiver receiver = receiver(primary.messages());
        assertThat(sender.pending(backup.messages())).isEqualTo(3);

        assertThat(sender.handOver(backup.messages())).isEqualTo(3);

        assertThat(backup.messages().mailboxes()).isEmpty();
        assertThat(sender.pending(backup.messages())).isZero();
        await().atMost(BOUND).until(() -> receiver.received() == 3 && waiting().isEmpty());
        assertThat(primary.messages().list("201")).containsExactly(left.get(0), left.get(1));
        assertThat(primary.messages().list("202")).containsExactly(left.get(2));
        for (int i = 0; i < left.size(); i++) {
            assertThat(audio(primary.messages(), left.get(i))).isEqualTo(sounds.get(i));
        }
        assertThat(mwi).contains("201 1", "202 0");
        assertThat(sender.handOver(backup.messages())).isZero();
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void aSenderCrashBetweenPutAndRemoveSendsAgainButFilesOnce(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        MessageInfo taken = leave("201", 1, 4, MessageState.NEW);
        MessageInfo waits = leave("202", 2, 5, MessageState.SAVED);
        HandoverReceiver receiver = receiver(primary.messages());

        sender.send(backup.messages(), taken);          // the object is stored, then the backup "dies"
        await().atMost(BOUND).until(() -> receiver.received() == 1 && waiting().isEmpty());
        assertThat(sender.handOver(backup.messages())).isEqualTo(2);   // sends it again after the restart
        await().atMost(BOUND).until(() -> receiver.received() == 3 && waiting().isEmpty());

        assertThat(primary.messages().list("201")).containsExactly(taken);
        assertThat(primary.messages().list("202")).containsExactly(waits);
        assertThat(backup.messages().mailboxes()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void anObjectWaitingUnderTheIdIsNotPutAgain(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        MessageInfo message = leave("201", 1, 6, MessageState.NEW);

        sender.send(backup.messages(), message);        // no receiver runs: the object waits
        assertThat(sender.handOver(backup.messages())).isEqualTo(1);

        assertThat(waiting()).containsExactly(message.id());
        HandoverReceiver receiver = receiver(primary.messages());
        await().atMost(BOUND).until(() -> receiver.received() == 1 && waiting().isEmpty());
        assertThat(primary.messages().list("201")).containsExactly(message);
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void aReceiverCrashBetweenFilingAndDeletingFilesOnce(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        MessageInfo message = leave("201", 1, 7, MessageState.OLD);
        CrashAfterPut crashing = new CrashAfterPut(primary.messages());
        HandoverReceiver first = receiver(crashing);

        assertThat(sender.handOver(backup.messages())).isEqualTo(1);
        assertThat(crashing.filed.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        first.close();                                  // abandoned between filing and deleting the object
        assertThat(first.received()).isZero();
        assertThat(waiting()).containsExactly(message.id());
        assertThat(primary.messages().list("201")).containsExactly(message);

        HandoverReceiver second = receiver(primary.messages());
        await().atMost(BOUND).until(() -> second.received() == 1 && waiting().isEmpty());
        assertThat(primary.messages().list("201")).containsExactly(message);
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void withThePrimaryUnreachableNothingIsLost(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        MessageInfo message = leave("201", 1, 8, MessageState.NEW);
        deployment.cutPrimary();

        assertThatThrownBy(() -> sender.handOver(backup.messages())).isInstanceOf(IOException.class);

        assertThat(backup.messages().list("201")).containsExactly(message);
        assertThat(sender.pending(backup.messages())).isEqualTo(1);
    }
}
