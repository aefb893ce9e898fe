package postbox.ivr.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import postbox.ivr.Prompt;
import postbox.ivr.voicemail.FlowSettings;
import postbox.ivr.voicemail.Voicemail;
import postbox.ivr.voicemail.VoicemailPhrase;
import postbox.media.Frames;
import postbox.media.MediaSource;
import postbox.media.source.ToneSource;
import postbox.store.TestWavs;

class PromptLibraryTest {

    private final PromptLibrary english = TestPrompts.english();
    private final PhraseBook book = new EnglishPhraseBook(ZoneOffset.UTC, Clock.systemUTC());

    @Test
    void everyPhraseTheFlowsAndThePhraseBookUseExists() {
        // what the server checks at start (the stores play no part in it)
        Voicemail voicemail = Voicemail.english(null, null, null,
                FlowSettings.defaults(ZoneOffset.UTC, Clock.systemUTC()));

        english.require(voicemail.phraseIds());
        assertThat(voicemail.phraseIds()).containsAll(book.vocabulary()).containsAll(VoicemailPhrase.ids());
    }

    @Test
    void thereAreNoUnusedPrompts() {
        Set<String> used = new HashSet<>(book.vocabulary());
        used.addAll(VoicemailPhrase.ids());

        assertThat(used).containsAll(english.ids());
    }

    @Test
    void theCommittedPromptsMatchTheTable() throws IOException {
        // surefire runs in the module directory, where prompts/en.tsv is the source of the generated WAVs
        List<String> table = Files.readAllLines(Path.of("prompts", "en.tsv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split("\t")[0]).toList();

        assertThat(english.ids()).containsExactlyInAnyOrderElementsOf(table);
    }

    @Test
    void aMissingPhraseIsNamedAtValidation() {
        assertThatThrownBy(() -> english.require(List.of("goodbye", "no-such-phrase")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[no-such-phrase]");
        assertThatThrownBy(() -> english.source(List.of(Prompt.phrase("no-such-phrase"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-phrase");
    }

    @Test
    void everyPromptIsShortTelephonySpeech() {
        for (String id : english.ids()) {
            short[] pcm = drain(english.source(List.of(Prompt.phrase(id))));
            int peak = 0;
            for (short sample : pcm) {
                peak = Math.max(peak, Math.abs(sample));
            }
            assertThat(pcm.length).as(id).isBetween(Frames.RATE / 10, 10 * Frames.RATE);
            // make-prompts.sh normalises to -3 dBFS
            assertThat(peak).as(id).isBetween(16_000, 32_767);
        }
    }

    @Test
    void promptsBecomeFramesInOrder() {
        short[] goodbye = drain(english.source(List.of(Prompt.phrase("goodbye"))));
        short[] wav = TestWavs.noise(1000, 7);

        short[] all = drain(english.source(List.of(Prompt.phrase("goodbye"), Prompt.silence(Duration.ofMillis(100)),
                Prompt.audio("test", () -> new ByteArrayInputStream(TestWavs.wav(wav))),
                Prompt.tone(1000, Duration.ofMillis(400)))));

        int at = goodbye.length;
        assertThat(Arrays.copyOf(all, at)).isEqualTo(goodbye);
        assertThat(Arrays.copyOfRange(all, at, at + 800)).containsOnly((short) 0);
        at += 800;
        assertThat(Arrays.copyOfRange(all, at, at + wav.length)).isEqualTo(wav);
        at += 1120; // 1000 samples padded to 7 frames
        assertThat(all.length - at).isEqualTo(400 * Frames.RATE / 1000);
        int tonePeak = 0;
        for (int i = at; i < all.length; i++) {
            tonePeak = Math.max(tonePeak, Math.abs(all[i]));
        }
        assertThat(tonePeak).isGreaterThan(ToneSource.AMPLITUDE / 2);
    }

    @Test
    void storedAudioThatCannotBeOpenedIsAnIoError() {
        Prompt gone = Prompt.audio("message:gone", () -> {
            throw new IOException("no such message");
        });
        Prompt notAudio = Prompt.audio("message:text", () -> new ByteArrayInputStream("hello".getBytes()));

        assertThatThrownBy(() -> english.source(List.of(gone))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("message:gone");
        assertThatThrownBy(() -> english.source(List.of(notAudio))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("message:text");
    }

    /** Reads a source to its end, as the tick would. */
    @Test
    void aWidebandLegGetsEveryPromptAt16KilohertzMadeOnceAtLoad() {
        short[] narrow = drain(english.source(List.of(Prompt.phrase("goodbye"))));
        short[] wide = drain(english.source(List.of(Prompt.phrase("goodbye"), Prompt.tone(1000, Duration.ofMillis(400))),
                16_000), 320);

        assertThat(wide.length).isBetween(2 * narrow.length + 6400, 2 * narrow.length + 6400 + 640);
        assertThatThrownBy(() -> english.source(List.of(Prompt.phrase("goodbye")), 44_100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8000 or 16000");
    }

    private static short[] drain(MediaSource source) {
        return drain(source, Frames.SAMPLES);
    }

    private static short[] drain(MediaSource source, int frameSamples) {
        short[] frame = new short[frameSamples];
        short[] all = new short[0];
        while (source.read(frame)) {
            all = Arrays.copyOf(all, all.length + frame.length);
            System.arraycopy(frame, 0, all, all.length - frame.length, frame.length);
        }
        source.close();
        return all;
    }

    @Test
    void anUnknownLanguageFailsToLoad() {
        assertThatThrownBy(() -> PromptLibrary.load("xx")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("postbox/prompts/xx/prompts.tsv");
    }
}
