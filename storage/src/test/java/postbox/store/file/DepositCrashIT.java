package postbox.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.TestWavs;

/**
 * Kills (SIGKILL) a JVM in the middle of a recording and checks that the next start files the message with the
 * audio up to about the last second.
 */
class DepositCrashIT {

    @TempDir
    Path root;

    @Test
    void aKilledRecordingIsRecoveredUpToAboutTheLastSecond() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RecordingProcess.class.getName(), root.toString(), "201")
                .redirectErrorStream(true)
                .start();
        String id;
        try {
            id = CompletableFuture.supplyAsync(() -> awaitAnnouncement(child)).get(60, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
        }
        assertThat(Files.exists(root.resolve("incoming").resolve(id + ".json"))).isTrue();

        FileMessageStore restarted = FileMessageStore.open(root, Clock.systemUTC());

        MessageInfo recovered = restarted.find("201", id).orElseThrow();
        long recordedMs = RecordingProcess.ANNOUNCE_AFTER_FRAMES * 20L;
        assertThat(recovered.state()).isEqualTo(MessageState.NEW);
        assertThat(recovered.durationMs()).isGreaterThanOrEqualTo(recordedMs - 1000);
        short[] audio = TestWavs.samples(restarted.openAudio("201", id));
        assertThat(audio).isEqualTo(Arrays.copyOf(RecordingProcess.AUDIO, audio.length));
        assertThat(root.resolve("incoming")).isEmptyDirectory();
    }

    private static String awaitAnnouncement(Process child) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("RECORDING ")) {
                    return line.substring("RECORDING ".length());
                }
            }
            throw new IllegalStateException("the recording process ended without recording (exit "
                    + child.waitFor() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the recording process's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
