package postbox.ivr;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * Something a caller hears: a phrase of the prompt library, a stored audio (a greeting, a message), a tone or
 * silence. Flows never name audio files, only phrase ids. Immutable values.
 */
public sealed interface Prompt {

    /** A phrase of the language's prompt library, e.g. {@code enter-pin}. */
    static Prompt phrase(String id) {
        return new Phrase(id);
    }

    /** Stored audio opened when it is played; {@code label} (e.g. {@code message:<id>}) names it in logs and tests. */
    static Audio audio(String label, WavOpener opener) {
        return new Audio(label, opener, Duration.ZERO);
    }

    /** A sine tone. */
    static Prompt tone(int hz, Duration duration) {
        return new Tone(hz, duration);
    }

    /** Silence. */
    static Prompt silence(Duration duration) {
        return new Silence(duration);
    }

    /** What tests and logs call this prompt: the phrase id, the audio label, {@code tone:<hz>} or {@code silence}. */
    String label();

    /** A phrase of the prompt library. */
    record Phrase(String id) implements Prompt {
        public Phrase {
            if (id == null || !id.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("bad phrase id '" + id + "' (a-z, 0-9, -)");
            }
        }

        @Override
        public String label() {
            return id;
        }
    }

    /**
     * Stored audio, a WAV stream opened (once per playback) by {@code opener}, played from {@code from} into it (past
     * its end: nothing).
     */
    record Audio(String label, WavOpener opener, Duration from) implements Prompt {
        public Audio {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(opener, "opener");
            if (from.isNegative()) {
                throw new IllegalArgumentException("audio " + label + " cannot start at " + from);
            }
        }

        /** The same audio played from {@code start}. */
        public Audio from(Duration start) {
            return new Audio(label, opener, start);
        }
    }

    /** A sine tone of {@code hz} for {@code duration}. */
    record Tone(int hz, Duration duration) implements Prompt {
        public Tone {
            if (hz <= 0 || hz >= 4000 || duration.isNegative()) {
                throw new IllegalArgumentException("bad tone " + hz + " Hz for " + duration);
            }
        }

        @Override
        public String label() {
            return "tone:" + hz;
        }
    }

    /** Silence for {@code duration}. */
    record Silence(Duration duration) implements Prompt {
        public Silence {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative silence " + duration);
            }
        }

        @Override
        public String label() {
            return "silence";
        }
    }

    /**
     * Opens a WAV stream (8 kHz mono 16-bit, or anything media's WAV reader converts); the player closes it.
     * Called on the call's thread when the playback starts, possibly once per replay.
     */
    @FunctionalInterface
    interface WavOpener {
        InputStream open() throws IOException;
    }
}
