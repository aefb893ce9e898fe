package postbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link MailboxDirectory} must do. A directory passes by extending this class and supplying
 * {@link #newDirectory}, {@link #reopen()} and {@link #persistedBytes()}.
 */
public abstract class MailboxDirectoryContract {

    protected static final Instant T0 = Instant.parse("2026-11-26T02:15:00Z");

    protected final SettableClock clock = new SettableClock(T0);
    protected MailboxDirectory directory;

    /** A new, empty directory that reads the time from {@code clock}; called before each test. */
    protected abstract MailboxDirectory newDirectory(SettableClock clock) throws IOException;

    /** A new instance over the storage of the last {@link #newDirectory}, as after a restart of the server. */
    protected abstract MailboxDirectory reopen() throws IOException;

    /** Everything the directory has persisted (file contents, rows...), to look for plain-text PINs. */
    protected abstract List<byte[]> persistedBytes() throws IOException;

    @BeforeEach
    void createDirectory() throws IOException {
        directory = newDirectory(clock);
    }

    @Test
    void createFindAndListByNumber() {
        Mailbox created = directory.create("201", "Alice Émilie", "1793");
        directory.create("1000", "Carol", "2684");
        directory.create("99", "Bob", "3579");

        assertThat(created).isEqualTo(new Mailbox("201", "Alice Émilie", null, MailboxPreferences.NONE));
        assertThat(directory.find("201")).contains(created);
        assertThat(directory.find("202")).isEmpty();
        assertThat(directory.list()).extracting(Mailbox::id).containsExactly("99", "201", "1000");
    }

    @Test
    void createRefusesAnExistingMailbox() {
        directory.create("201", "Alice", "1793");
        assertThatThrownBy(() -> directory.create("201", "Mallory", "2684"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists");
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
    }

    @Test
    void createRefusesInvalidIds() {
        for (String bad : new String[] {"../201", "20a", "", "1234567890123456"}) {
            assertThatThrownBy(() -> directory.create(bad, "x", "1793"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digits");
        }
        assertThat(directory.list()).isEmpty();
    }

    @Test
    void verifiesPins() {
        directory.create("201", "Alice", "1793");

        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
        assertThat(directory.verifyPin("201", "1794")).isEqualTo(PinCheck.WRONG);
        assertThat(directory.verifyPin("201", "")).isEqualTo(PinCheck.WRONG);
        assertThat(directory.verifyPin("202", "1793")).isEqualTo(PinCheck.NO_MAILBOX);
    }

    @ParameterizedTest(name = "{1} for mailbox {0}: {2}")
    @CsvSource({
            "2013, 12a4, digits only",
            "2013, 123, 4 to 15 digits",
            "2013, 1234567890123457, 4 to 15 digits",
            "2013, 2013, mailbox number",
            "2013, 1111, repeat one digit",
            "2013, 000000, repeat one digit",
            "2013, 1234, straight sequence",
            "2013, 9876, straight sequence",
            "2013, 3456789, straight sequence",
    })
    void pinRulesApplyOnCreate(String mailbox, String pin, String rule) {
        assertThatThrownBy(() -> directory.create(mailbox, "Alice", pin))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(rule);
        assertThat(directory.find(mailbox)).isEmpty();
    }

    @Test
    void pinsAtTheLimitsAreAccepted() {
        directory.create("201", "a", "1243");
        directory.create("202", "b", "918273645546372");
        assertThat(directory.verifyPin("201", "1243")).isEqualTo(PinCheck.OK);
        assertThat(directory.verifyPin("202", "918273645546372")).isEqualTo(PinCheck.OK);
    }

    @Test
    void changePinReplacesThePinAndAppliesTheRules() {
        directory.create("201", "Alice", "1793");

        directory.changePin("201", "2684");
        assertThat(directory.verifyPin("201", "2684")).isEqualTo(PinCheck.OK);
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.WRONG);

        assertThatThrownBy(() -> directory.changePin("201", "2684"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previous PIN");
        assertThatThrownBy(() -> directory.changePin("201", "1793"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previous PIN");
        assertThatThrownBy(() -> directory.changePin("201", "5555"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat one digit");
        assertThat(directory.verifyPin("201", "2684")).isEqualTo(PinCheck.OK);
    }

    @Test
    void fiveWrongPinsLockTheMailboxForFifteenMinutes() {
        directory.create("201", "Alice", "1793");
        for (int i = 0; i < 5; i++) {
            assertThat(directory.verifyPin("201", "0000")).isEqualTo(PinCheck.WRONG);
        }

        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.LOCKED);
        assertThat(directory.find("201").orElseThrow().lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(15)));

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.LOCKED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.find("201").orElseThrow().lockedUntil()).isNull();
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
    }

    @Test
    void afterALockoutTheCountStartsAgain() {
        directory.create("201", "Alice", "1793");
        for (int i = 0; i < 5; i++) {
            directory.verifyPin("201", "0000");
        }
        clock.advance(Duration.ofMinutes(16));

        for (int i = 0; i < 4; i++) {
            assertThat(directory.verifyPin("201", "0000")).isEqualTo(PinCheck.WRONG);
        }
        assertThat(directory.find("201").orElseThrow().lockedUntil()).isNull();
        assertThat(directory.verifyPin("201", "0000")).isEqualTo(PinCheck.WRONG);
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.LOCKED);
    }

    @Test
    void aRightPinResetsTheCount() {
        directory.create("201", "Alice", "1793");
        for (int i = 0; i < 4; i++) {
            directory.verifyPin("201", "0000");
        }
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
        for (int i = 0; i < 4; i++) {
            assertThat(directory.verifyPin("201", "0000")).isEqualTo(PinCheck.WRONG);
        }
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
    }

    @Test
    void unlockClearsALockout() {
        directory.create("201", "Alice", "1793");
        for (int i = 0; i < 5; i++) {
            directory.verifyPin("201", "0000");
        }

        directory.unlock("201");

        assertThat(directory.find("201").orElseThrow().lockedUntil()).isNull();
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
    }

    @Test
    void lockoutsAndCountsSurviveAReopen() throws IOException {
        directory.create("201", "Alice", "1793");
        directory.create("202", "Bob", "2684");
        for (int i = 0; i < 5; i++) {
            directory.verifyPin("201", "0000");
        }
        for (int i = 0; i < 4; i++) {
            directory.verifyPin("202", "0000");
        }

        MailboxDirectory reopened = reopen();

        assertThat(reopened.verifyPin("201", "1793")).isEqualTo(PinCheck.LOCKED);
        assertThat(reopened.verifyPin("202", "0000")).isEqualTo(PinCheck.WRONG);
        assertThat(reopened.verifyPin("202", "2684")).isEqualTo(PinCheck.LOCKED);
        assertThat(reopened.list()).extracting(Mailbox::name).containsExactly("Alice", "Bob");
    }

    @Test
    void deleteRemovesTheMailbox() throws IOException {
        directory.create("201", "Alice", "1793");

        directory.delete("201");

        assertThat(directory.find("201")).isEmpty();
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.NO_MAILBOX);
        assertThat(reopen().find("201")).isEmpty();
        directory.create("201", "Alice again", "2684");
        assertThat(directory.verifyPin("201", "2684")).isEqualTo(PinCheck.OK);
    }

    @Test
    void exportGivesTheSyncedConfiguration() {
        directory.create("201", "Alice", "1793");
        MailboxEntry created = directory.export("201").orElseThrow();
        assertThat(created.id()).isEqualTo("201");
        assertThat(created.name()).isEqualTo("Alice");
        assertThat(created.previousPinHash()).isNull();
        assertThat(created.pinHash()).doesNotContain("1793");

        directory.changePin("201", "2684");

        MailboxEntry changed = directory.export("201").orElseThrow();
        assertThat(changed.previousPinHash()).isEqualTo(created.pinHash());
        assertThat(changed.pinHash()).isNotEqualTo(created.pinHash());
        assertThat(directory.export("202")).isEmpty();
        assertThat(directory.export("../201")).isEmpty();
    }

    @Test
    void restoreCreatesOrReplacesFromAnEntryWithoutPinRules() throws IOException {
        PinHasher elsewhere = new PinHasher(1000);
        MailboxEntry entry = new MailboxEntry("301", "Source", elsewhere.hash("2684"), elsewhere.hash("1793"));

        directory.restore(entry);

        assertThat(directory.export("301")).contains(entry);
        assertThat(directory.find("301")).contains(new Mailbox("301", "Source", null, MailboxPreferences.NONE));
        assertThat(directory.verifyPin("301", "2684")).isEqualTo(PinCheck.OK);
        assertThatThrownBy(() -> directory.changePin("301", "1793"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previous PIN");
        assertThat(reopen().export("301")).contains(entry);

        MailboxEntry weak = new MailboxEntry("301", "Renamed", elsewhere.hash("1111"), entry.pinHash());
        directory.restore(weak);
        assertThat(directory.export("301")).contains(weak);
        assertThat(directory.verifyPin("301", "1111")).isEqualTo(PinCheck.OK);
    }

    @Test
    void preferencesAreSetKeptAndExported() throws IOException {
        directory.create("201", "Alice", "1793");
        assertThat(directory.find("201").orElseThrow().preferences()).isEqualTo(MailboxPreferences.NONE);

        directory.setPreferences("201", new MailboxPreferences(1800));

        assertThat(directory.find("201").orElseThrow().preferences().maxMessage()).contains(Duration.ofMinutes(30));
        assertThat(directory.export("201").orElseThrow().preferences()).isEqualTo(new MailboxPreferences(1800));
        assertThat(reopen().find("201").orElseThrow().preferences()).isEqualTo(new MailboxPreferences(1800));
        directory.changePin("201", "2684");
        directory.rename("201", "Alice B.");
        assertThat(directory.find("201").orElseThrow().preferences()).isEqualTo(new MailboxPreferences(1800));
        assertThatThrownBy(() -> directory.setPreferences("202", MailboxPreferences.NONE))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void preferencesOutOfRangeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new MailboxPreferences(3601)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMessageSeconds").hasMessageContaining("3601");
        assertThatThrownBy(() -> new MailboxPreferences(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxPreferences(null, "20 0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reception");
        assertThatThrownBy(() -> new MailboxPreferences(null, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReceptionIsKeptWithTheOtherPreferences() throws IOException {
        directory.create("201", "Alice", "1793");

        directory.setPreferences("201", new MailboxPreferences(600, "*200"));

        assertThat(reopen().find("201").orElseThrow().preferences().receptionNumber()).contains("*200");
        assertThat(directory.export("201").orElseThrow().preferences()).isEqualTo(new MailboxPreferences(600, "*200"));
    }

    @Test
    void restoreTakesThePreferencesOfTheEntry() {
        directory.create("201", "Alice", "1793");
        MailboxEntry entry = directory.export("201").orElseThrow();

        directory.restore(new MailboxEntry("201", "Alice", entry.pinHash(), entry.previousPinHash(),
                new MailboxPreferences(60)));

        assertThat(directory.find("201").orElseThrow().preferences().maxMessageSeconds()).isEqualTo(60);
    }

    @Test
    void restoreKeepsTheLocalFailureCountAndLockout() {
        directory.create("201", "Alice", "1793");
        for (int i = 0; i < 5; i++) {
            directory.verifyPin("201", "0000");
        }
        MailboxEntry entry = directory.export("201").orElseThrow();

        directory.restore(new MailboxEntry("201", "Alice B.", entry.pinHash(), entry.previousPinHash()));

        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.LOCKED);
        assertThat(directory.find("201").orElseThrow().name()).isEqualTo("Alice B.");
    }

    @Test
    void renameChangesTheName() throws IOException {
        directory.create("201", "Alice", "1793");

        directory.rename("201", "Alice Émilie");

        assertThat(directory.find("201").orElseThrow().name()).isEqualTo("Alice Émilie");
        assertThat(reopen().find("201").orElseThrow().name()).isEqualTo("Alice Émilie");
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
        assertThatThrownBy(() -> directory.rename("202", "Nobody"))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void listenersHearConfigurationChangesOnly() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        directory.addListener(id -> heard.add(id + " " + directory.export(id).map(MailboxEntry::name).orElse("-")));

        directory.create("201", "Alice", "1793");
        directory.verifyPin("201", "1793");
        directory.verifyPin("201", "0000");
        directory.changePin("201", "2684");
        directory.rename("201", "Alice B.");
        directory.rename("201", "Alice B.");
        directory.setPreferences("201", new MailboxPreferences(300));
        directory.setPreferences("201", new MailboxPreferences(300));
        directory.unlock("201");
        MailboxEntry entry = directory.export("201").orElseThrow();
        directory.restore(entry);
        directory.restore(new MailboxEntry("201", "Restored", entry.pinHash(), entry.previousPinHash()));
        directory.delete("201");
        assertThatThrownBy(() -> directory.create("202", "Bob", "1234")).isInstanceOf(IllegalArgumentException.class);

        assertThat(heard).containsExactly("201 Alice", "201 Alice", "201 Alice B.", "201 Alice B.", "201 Restored",
                "201 -");
    }

    @Test
    void pinsAreNeverStoredInPlainText() throws IOException {
        directory.create("201", "Alice", "7391482056");
        directory.changePin("201", "5820374619");
        directory.verifyPin("201", "8642097531");

        assertThat(persistedBytes()).isNotEmpty().allSatisfy(bytes -> {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("7391482056", "5820374619", "8642097531");
        });
    }
}
