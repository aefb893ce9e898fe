package postbox.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.store.MailboxDirectory;
import postbox.store.MailboxDirectoryContract;
import postbox.store.MailboxPreferences;
import postbox.store.PinCheck;
import postbox.store.PinHasher;
import postbox.store.SettableClock;

class FileMailboxDirectoryTest extends MailboxDirectoryContract {

    private static final PinHasher HASHER = new PinHasher(1_000);

    @TempDir
    Path root;

    @Override
    protected MailboxDirectory newDirectory(SettableClock clock) throws IOException {
        return FileMailboxDirectory.open(root, clock, HASHER);
    }

    @Override
    protected MailboxDirectory reopen() throws IOException {
        return FileMailboxDirectory.open(root, clock, HASHER);
    }

    @Override
    protected List<byte[]> persistedBytes() throws IOException {
        List<byte[]> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.add(Files.readAllBytes(file));
            }
        }
        return contents;
    }

    private Path mailboxFile(String id) {
        return root.resolve("mailboxes").resolve(id).resolve("mailbox.json");
    }

    @Test
    void theMailboxFileHoldsHashesAndTheLockout() throws IOException {
        directory.create("201", "Alice", "1793");
        for (int i = 0; i < 5; i++) {
            directory.verifyPin("201", "0000");
        }

        String json = Files.readString(mailboxFile("201"));

        assertThat(json).contains("\"id\" : \"201\"", "\"name\" : \"Alice\"", "\"failures\" : 5",
                "\"lockedUntil\" : \"2026-11-26T02:30:00Z\"");
        assertThat(json).containsPattern("\"pinHash\" : \"pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+\"");
        try (Stream<Path> files = Files.list(mailboxFile("201").getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("mailbox.json");
        }
    }

    @Test
    void aMailboxFileWrittenBeforePreferencesExistedHasNone() throws IOException {
        Path dir = Files.createDirectories(root.resolve("mailboxes/205"));
        Files.writeString(dir.resolve("mailbox.json"), "{\"id\":\"205\",\"name\":\"Old\",\"pinHash\":\""
                + HASHER.hash("1793") + "\",\"failures\":0}");

        MailboxDirectory reopened = reopen();

        assertThat(reopened.find("205").orElseThrow().preferences()).isEqualTo(MailboxPreferences.NONE);
        assertThat(reopened.verifyPin("205", "1793")).isEqualTo(PinCheck.OK);
    }

    @Test
    void aNewPinMustAlsoDifferFromTheOneBeforeTheCurrentOne() {
        directory.create("201", "Alice", "1793");
        directory.changePin("201", "2684");
        directory.changePin("201", "3579");

        assertThatThrownBy(() -> directory.changePin("201", "2684")).hasMessageContaining("previous PIN");
        directory.changePin("201", "1793");
        assertThat(directory.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
    }

    @Test
    void pinsHashedWithOtherIterationsStillVerify() throws IOException {
        directory.create("201", "Alice", "1793");

        MailboxDirectory stronger = FileMailboxDirectory.open(root, clock, new PinHasher(3_000));

        assertThat(stronger.verifyPin("201", "1793")).isEqualTo(PinCheck.OK);
        stronger.changePin("201", "2684");
        assertThat(Files.readString(mailboxFile("201"))).contains("pbkdf2-sha256$3000$");
    }

    @Test
    void unknownMailboxesAreReported() {
        assertThatThrownBy(() -> directory.changePin("201", "1793"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("201");
        assertThatThrownBy(() -> directory.unlock("201")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> directory.delete("201")).isInstanceOf(NoSuchElementException.class);
        assertThat(directory.verifyPin("../201", "1793")).isEqualTo(PinCheck.NO_MAILBOX);
        assertThat(directory.find("../201")).isEmpty();
    }

    @Test
    void aCorruptMailboxFileIsSkippedAndNotOverwritten() throws IOException {
        directory.create("201", "Alice", "1793");
        directory.create("202", "Bob", "2684");
        Files.writeString(mailboxFile("202"), "{\"id\" : \"202\", ");
        Files.writeString(mailboxFile("201").resolveSibling(".mailbox.json.1.tmp"), "{");

        MailboxDirectory reopened = reopen();

        assertThat(reopened.list()).extracting(postbox.store.Mailbox::id).containsExactly("201");
        assertThatThrownBy(() -> reopened.create("202", "Mallory", "3579")).hasMessageContaining("exists");
        assertThat(Files.readString(mailboxFile("202"))).isEqualTo("{\"id\" : \"202\", ");
        assertThat(mailboxFile("201").resolveSibling(".mailbox.json.1.tmp")).doesNotExist();
    }
}
