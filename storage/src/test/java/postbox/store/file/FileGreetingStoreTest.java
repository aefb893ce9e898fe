package postbox.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.store.GreetingKind;
import postbox.store.GreetingStore;
import postbox.store.GreetingStoreContract;
import postbox.store.TestWavs;

class FileGreetingStoreTest extends GreetingStoreContract {

    @TempDir
    Path root;

    @Override
    protected GreetingStore newStore() throws IOException {
        return FileGreetingStore.open(root);
    }

    private Path greetingsOf(String mailbox) {
        return root.resolve("mailboxes").resolve(mailbox).resolve("greetings");
    }

    @Test
    void greetingsAreCanonicalWavFilesNamedByKind() throws IOException {
        short[] samples = TestWavs.noise(800, 1);

        greetings.put("201", GreetingKind.NOANSWER, new ByteArrayInputStream(TestWavs.wav(samples)));

        Path file = greetingsOf("201").resolve("noanswer.wav");
        assertThat(TestWavs.samples(Files.readAllBytes(file))).isEqualTo(samples);
        try (var files = Files.list(greetingsOf("201"))) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void greetingsSurviveAReopenAndLeftoverTempFilesGo() throws IOException {
        short[] samples = TestWavs.noise(800, 2);
        greetings.put("201", GreetingKind.NAME, new ByteArrayInputStream(TestWavs.wav(samples)));
        Path temp = greetingsOf("201").resolve(".busy.wav.42.tmp");
        Files.write(temp, new byte[100]);

        GreetingStore reopened = FileGreetingStore.open(root);

        assertThat(TestWavs.samples(reopened.open("201", GreetingKind.NAME).orElseThrow())).isEqualTo(samples);
        assertThat(temp).doesNotExist();
    }
}
