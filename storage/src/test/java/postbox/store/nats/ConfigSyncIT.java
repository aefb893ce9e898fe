package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.store.CallFlowSettings;
import postbox.store.GreetingKind;
import postbox.store.MailboxEntry;
import postbox.store.MailboxPreferences;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.PinCheck;
import postbox.store.TestWavs;
import postbox.store.file.FileCallFlowSettingsStore;

/**
 * Greetings and configuration sync from the primary's stores to the backup's, through real nats-server processes in
 * both deployments: within 2 s while the link is up, caught up after it returns, messages never synced.
 */
class ConfigSyncIT {

    private static final Logger log = LoggerFactory.getLogger(ConfigSyncIT.class);
    private static final String NET = "pbx-test";
    private static final Duration SYNC_BOUND = Duration.ofSeconds(2);
    private static final Duration CATCH_UP_BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Closer closer = new Closer();
    private NatsDeployment deployment;
    private NodeStores primary;
    private NodeStores backup;
    private NatsLink primaryLink;
    private NatsLink backupLink;

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private void startNodes(NatsDeployment.Kind kind) throws Exception {
        deployment = closer.add(NatsDeployment.start(kind, dir.resolve("nats")));
        primary = NodeStores.open(dir.resolve("primary"));
        backup = NodeStores.open(dir.resolve("backup"));
        primaryLink = closer.add(NatsLink.connect(deployment.primaryUrl(), "primary"));
        backupLink = closer.add(NatsLink.connect(deployment.backupUrl(), "backup"));
    }

    private ConfigPublisher publisher() {
        return closer.add(ConfigPublisher.start(primaryLink, NET, primary.directory(), primary.greetings(),
                primary.callFlow()));
    }

    private ConfigMirror mirror() {
        return closer.add(ConfigMirror.start(backupLink, NET, deployment.primaryDomain(), backup.directory(),
                backup.greetings(), backup.callFlow()));
    }

    /** Waits until a first change has gone all the way (buckets and mirrors set up), untimed. */
    private void awaitLinkUp() {
        primary.directory().create("100", "Sentinel", "1793");
        await().atMost(Duration.ofSeconds(15)).until(() -> backup.directory().find("100").isPresent());
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void mailboxChangesReachTheBackupWithinTwoSeconds(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        publisher();
        ConfigMirror mirror = mirror();
        awaitLinkUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> mirror.stats().caughtUp());
        List<Long> lags = new ArrayList<>();

        for (int n = 0; n < 8; n++) {
            String id = "20" + n;
            String digit = Integer.toString(n);
            lags.add(synced(id, () -> primary.directory().create(id, "Owner " + digit, "17" + digit + "3")));
            lags.add(synced(id, () -> {
                primary.directory().changePin(id, "26" + digit + "8");
                return null;
            }));
            lags.add(synced(id, () -> {
                primary.directory().rename(id, "Renamed " + digit);
                return null;
            }));
        }
        lags.add(millisUntil(() -> {
            primary.directory().delete("207");
            return null;
        }, () -> backup.directory().find("207").isEmpty()));

        MailboxEntry onBackup = backup.directory().export("203").orElseThrow();
        assertThat(onBackup).isEqualTo(primary.directory().export("203").orElseThrow());
        assertThat(onBackup.name()).isEqualTo("Renamed 3");
        assertThat(onBackup.previousPinHash()).isNotNull();
        assertThat(backup.directory().verifyPin("203", "2638")).isEqualTo(PinCheck.OK);
        assertThat(backup.directory().verifyPin("203", "1733")).isEqualTo(PinCheck.WRONG);
        assertThat(backup.directory().list()).hasSize(8);
        report(kind + " mailbox sync lag", lags);
        MirrorStats stats = mirror.stats();
        assertThat(stats.entriesApplied()).isGreaterThanOrEqualTo(lags.size());
        assertThat(stats.lastLagMs()).isBetween(0L, SYNC_BOUND.toMillis());
        assertThat(stats.lastAppliedAt()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void callFlowSettingsAndMailboxPreferencesReachTheBackupWithinTwoSeconds(NatsDeployment.Kind kind)
            throws Exception {
        startNodes(kind);
        publisher();
        mirror();
        awaitLinkUp();
        synced("401", () -> primary.directory().create("401", "Prefs", "1793"));
        List<Long> lags = new ArrayList<>();

        CallFlowSettings first = new CallFlowSettings(300, 7);
        lags.add(millisUntil(() -> {
            primary.callFlow().put(first);
            return null;
        }, () -> backup.callFlow().get().equals(Optional.of(first))));
        CallFlowSettings second = new CallFlowSettings(90, 3);
        lags.add(millisUntil(() -> {
            primary.callFlow().put(second);
            return null;
        }, () -> backup.callFlow().get().equals(Optional.of(second))));
        lags.add(synced("401", () -> {
            primary.directory().setPreferences("401", new MailboxPreferences(1800));
            return null;
        }));
        assertThat(backup.directory().find("401").orElseThrow().preferences().maxMessageSeconds()).isEqualTo(1800);
        lags.add(synced("401", () -> {
            primary.directory().setPreferences("401", MailboxPreferences.NONE);
            return null;
        }));
        lags.add(millisUntil(() -> primary.callFlow().clear(), () -> backup.callFlow().get().isEmpty()));
        report(kind + " call-flow settings and preferences sync lag", lags);
        // stored on the backup's disk: a restarted backup has them without NATS
        primary.callFlow().put(first);
        await().atMost(SYNC_BOUND).until(() -> backup.callFlow().get().isPresent());
        assertThat(FileCallFlowSettingsStore.open(dir.resolve("backup")).get()).contains(first);
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void greetingsArePutReplacedAndDeletedOnTheBackup(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        publisher();
        mirror();
        awaitLinkUp();
        synced("301", () -> primary.directory().create("301", "Greta", "1793"));
        List<Long> lags = new ArrayList<>();

        lags.add(greetingSynced("301", GreetingKind.BUSY, TestWavs.noise(8_000, 1)));
        lags.add(greetingSynced("301", GreetingKind.BUSY, TestWavs.noise(6_000, 2)));
        lags.add(greetingSynced("301", GreetingKind.NAME, TestWavs.noise(3_000, 3)));
        lags.add(greetingSynced("301", GreetingKind.DEFAULT, TestWavs.noise(3_000, 3)));
        lags.add(millisUntil(() -> primary.greetings().delete("301", GreetingKind.BUSY),
                () -> backup.greetings().open("301", GreetingKind.BUSY).isEmpty()));

        assertThat(backup.greetings().kinds("301")).containsExactly(GreetingKind.DEFAULT, GreetingKind.NAME);
        assertThat(backup.greeting("301", GreetingKind.NAME)).get()
                .isEqualTo(primary.greeting("301", GreetingKind.NAME).orElseThrow());
        report(kind + " greeting sync lag", lags);
        // superseded and deleted audio is gone from the primary's store; NAME and DEFAULT share one object
        String shared = GreetingRef.of(primary.greeting("301", GreetingKind.NAME).orElseThrow()).object();
        await().atMost(SYNC_BOUND).untilAsserted(() -> assertThat(objectNames(primaryLink, null))
                .containsExactly(shared));
        if (kind == NatsDeployment.Kind.LEAF) {
            // the backup's own mirror of the Object Store holds the audio (deletes are not mirrored)
            ByteArrayOutputStream mirrored = new ByteArrayOutputStream();
            backupLink.objectStore(new Network(NET).greetingsBucket(), null).get(shared, mirrored);
            assertThat(mirrored.toByteArray()).isEqualTo(primary.greeting("301", GreetingKind.NAME).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void messagesAreNotSynced(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        publisher();
        mirror();
        awaitLinkUp();
        synced("201", () -> primary.directory().create("201", "Alice", "1793"));
        primary.messages().put(new MessageInfo("20261126T021500Z-000001", "201", "sip:bob@127.0.0.1",
                Instant.parse("2026-11-26T02:15:00Z"), 0, MessageState.NEW),
                new ByteArrayInputStream(TestWavs.wav(TestWavs.noise(8_000, 4))));
        primary.messages().setState("201", "20261126T021500Z-000001", MessageState.SAVED);

        synced("202", () -> primary.directory().create("202", "Bob", "2684"));
        greetingSynced("201", GreetingKind.TEMPORARY, TestWavs.noise(1_000, 5));

        assertThat(primary.messages().list("201")).hasSize(1);
        assertThat(backup.messages().mailboxes()).isEmpty();
        assertThat(backup.messages().list("201")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void theBackupCatchesUpAfterTheLinkReturns(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        ConfigPublisher publisher = publisher();
        ConfigMirror mirror = mirror();
        awaitLinkUp();
        synced("501", () -> primary.directory().create("501", "Before", "1793"));
        synced("502", () -> primary.directory().create("502", "Doomed", "1793"));

        deployment.cutBackup();
        await().atMost(SYNC_BOUND).until(() -> !backupLink.connected() && !mirror.stats().caughtUp());
        primary.directory().changePin("501", "2684");
        primary.directory().create("503", "During", "3579");
        primary.directory().delete("502");
        primary.greetings().put("501", GreetingKind.DEFAULT, new ByteArrayInputStream(TestWavs.wav(
                TestWavs.noise(4_000, 6))));
        if (kind == NatsDeployment.Kind.SHARED) {
            await().atMost(SYNC_BOUND).until(() -> publisher.stats().pendingChanges() >= 4);
        } else {
            await().atMost(SYNC_BOUND).until(() -> publisher.stats().pendingChanges() == 0);
        }
        assertThat(backup.directory().find("503")).isEmpty();

        long restartedAt = System.nanoTime();
        deployment.restoreBackup();
        long serverUpMs = (System.nanoTime() - restartedAt) / 1_000_000;
        await().atMost(CATCH_UP_BOUND).pollInterval(Duration.ofMillis(10)).until(() ->
                backup.directory().export("501").equals(primary.directory().export("501"))
                        && backup.directory().find("503").isPresent() && backup.directory().find("502").isEmpty()
                        && backup.greeting("501", GreetingKind.DEFAULT).isPresent());
        long caughtUpMs = (System.nanoTime() - restartedAt) / 1_000_000;
        await().atMost(SYNC_BOUND).until(() -> mirror.stats().caughtUp());
        log.info("{} catch-up after the link returned: {} ms after the restart began (server up after {} ms); {}",
                kind, caughtUpMs, serverUpMs, mirror.stats());
        assertThat(backup.directory().verifyPin("501", "2684")).isEqualTo(PinCheck.OK);
        assertThat(backup.greeting("501", GreetingKind.DEFAULT)).get()
                .isEqualTo(primary.greeting("501", GreetingKind.DEFAULT).orElseThrow());
        assertThat(publisher.stats().pendingChanges()).isZero();
        if (kind == NatsDeployment.Kind.LEAF) {
            // made on the hub before the restart, applied after it: the lag counts from the hub's time stamp
            assertThat(mirror.stats().lastLagMs()).isGreaterThanOrEqualTo(serverUpMs);
        }
    }

    @Test
    void withLeavesTheBackupCatchesUpAfterThePrimarysServerReturns() throws Exception {
        startNodes(NatsDeployment.Kind.LEAF);
        ConfigPublisher publisher = publisher();
        ConfigMirror mirror = mirror();
        awaitLinkUp();

        deployment.cutPrimary();
        primary.directory().create("701", "Offline", "1793");
        primary.greetings().put("701", GreetingKind.NAME, new ByteArrayInputStream(TestWavs.wav(
                TestWavs.noise(3_000, 9))));
        await().atMost(SYNC_BOUND).until(() -> publisher.stats().pendingChanges() >= 2);
        assertThat(backup.directory().find("100")).isPresent();
        assertThat(backupLink.connected()).isTrue();

        long restartedAt = System.nanoTime();
        deployment.restorePrimary();
        await().atMost(CATCH_UP_BOUND).pollInterval(Duration.ofMillis(10)).until(() ->
                backup.directory().find("701").isPresent() && backup.greeting("701", GreetingKind.NAME).isPresent());
        long caughtUpMs = (System.nanoTime() - restartedAt) / 1_000_000;
        await().atMost(SYNC_BOUND).until(() -> mirror.stats().caughtUp());
        log.info("LEAF catch-up after the primary's server returned: {} ms after its restart began; {}", caughtUpMs,
                mirror.stats());
        assertThat(backup.greeting("701", GreetingKind.NAME)).get()
                .isEqualTo(primary.greeting("701", GreetingKind.NAME).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(NatsDeployment.Kind.class)
    void aRestartedPublisherReconcilesWhatChangedWhileItWasDown(NatsDeployment.Kind kind) throws Exception {
        startNodes(kind);
        primary.directory().create("601", "Early", "1793");
        primary.callFlow().put(new CallFlowSettings(600, 10));
        primary.greetings().put("601", GreetingKind.NAME, new ByteArrayInputStream(TestWavs.wav(
                TestWavs.noise(2_000, 7))));
        ConfigPublisher first = publisher();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.stats().reconciled()
                && first.stats().changesPublished() == 3);
        first.close();
        primary.callFlow().clear();

        primary.directory().delete("601");
        primary.directory().create("602", "Late", "2684");
        primary.greetings().put("602", GreetingKind.BUSY, new ByteArrayInputStream(TestWavs.wav(
                TestWavs.noise(2_000, 8))));
        publisher();
        mirror();

        await().atMost(Duration.ofSeconds(10)).until(() -> backup.directory().find("602").isPresent()
                && backup.greeting("602", GreetingKind.BUSY).isPresent() && backup.directory().find("601").isEmpty()
                && backup.greetings().kinds("601").isEmpty());
        assertThat(backup.callFlow().get()).isEmpty();
        assertThat(backup.greeting("602", GreetingKind.BUSY)).get()
                .isEqualTo(primary.greeting("602", GreetingKind.BUSY).orElseThrow());
        assertThat(keys(primaryLink)).containsExactlyInAnyOrder("mailbox.602", "greeting.602.busy");
        // the 601 name's audio is not referenced any more: deleted by the reconcile
        assertThat(objectNames(primaryLink, null)).containsExactly(
                GreetingRef.of(primary.greeting("602", GreetingKind.BUSY).orElseThrow()).object());
    }

    /** Runs a change of mailbox {@code id} on the primary; returns ms until the backup exports the same entry. */
    private long synced(String id, Callable<?> change) throws Exception {
        return millisUntil(change, () -> backup.directory().export(id).isPresent()
                && backup.directory().export(id).equals(primary.directory().export(id)));
    }

    private long greetingSynced(String mailbox, GreetingKind kind, short[] samples) throws Exception {
        byte[] wav = TestWavs.wav(samples);
        return millisUntil(() -> {
            primary.greetings().put(mailbox, kind, new ByteArrayInputStream(wav));
            return null;
        }, () -> backup.greeting(mailbox, kind).map(bytes -> Arrays.equals(bytes, wav)).orElse(false));
    }

    private static long millisUntil(Callable<?> change, Callable<Boolean> arrived) throws Exception {
        long start = System.nanoTime();
        change.call();
        await().atMost(SYNC_BOUND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).until(arrived);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String what, List<Long> lags) {
        List<Long> sorted = lags.stream().sorted().toList();
        log.info("{}: n={} p50={} ms max={} ms", what, sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }

    private Set<String> objectNames(NatsLink link, String domain) throws Exception {
        return link.objectStore(new Network(NET).greetingsBucket(), domain).getList().stream()
                .filter(info -> !info.isDeleted()).map(info -> info.getObjectName()).collect(Collectors.toSet());
    }

    private static List<String> keys(NatsLink link) throws Exception {
        return link.keyValue(new Network(NET).configBucket(), null).keys();
    }
}
