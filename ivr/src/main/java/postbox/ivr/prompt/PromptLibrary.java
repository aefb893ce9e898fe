package postbox.ivr.prompt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import postbox.ivr.Prompt;
import postbox.media.MediaSource;
import postbox.media.Frames;
import postbox.media.source.PcmClip;
import postbox.media.source.Resampler;
import postbox.media.source.SequenceSource;
import postbox.media.source.SilenceSource;
import postbox.media.source.ToneSource;
import postbox.media.source.Wav;
import postbox.media.source.WavStreamSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One language's recorded phrases, loaded once from the classpath ({@code postbox/prompts/<lang>/prompts.tsv}
 * lists the ids, {@code <id>.wav} holds each) into memory as 8 kHz PCM, and the translation of {@link Prompt}s
 * into {@link MediaSource}s at a leg's sample rate: phrases play from memory (8 kHz as recorded, 16 kHz
 * resampled once at load for wideband legs), stored audio streams from its WAV (read ahead and resampled off the
 * tick), tones and silence are generated. Immutable after loading, thread-safe.
 */
public final class PromptLibrary {

    private static final Logger log = LoggerFactory.getLogger(PromptLibrary.class);

    /** The rate of wideband legs (G.722, speex WB, opus). */
    static final int WIDEBAND = 16_000;

    private final String language;
    private final Map<String, short[]> phrases;
    private final Map<String, short[]> widebandPhrases;

    private PromptLibrary(String language, Map<String, short[]> phrases, Map<String, short[]> widebandPhrases) {
        this.language = language;
        this.phrases = phrases;
        this.widebandPhrases = widebandPhrases;
    }

    /**
     * Loads every phrase of {@code language} (e.g. {@code en}).
     *
     * @throws IllegalStateException when the language has no index, or a listed phrase has no readable WAV
     */
    public static PromptLibrary load(String language) {
        String base = "postbox/prompts/" + language + "/";
        ClassLoader loader = PromptLibrary.class.getClassLoader();
        Map<String, short[]> phrases = new TreeMap<>();
        long samples = 0;
        for (String id : index(loader, base)) {
            try (InputStream wav = loader.getResourceAsStream(base + id + ".wav")) {
                if (wav == null) {
                    throw new IllegalStateException("prompt '" + id + "' (" + language + ") is listed in " + base
                            + "prompts.tsv but " + base + id + ".wav is missing");
                }
                short[] pcm = Wav.readPcm(wav);
                phrases.put(id, pcm);
                samples += pcm.length;
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot load prompt " + base + id + ".wav: " + e.getMessage(), e);
            }
        }
        Map<String, short[]> wideband = new TreeMap<>();
        phrases.forEach((id, pcm) -> wideband.put(id, Resampler.resample(pcm, Frames.RATE, WIDEBAND)));
        log.info("loaded {} {} prompts ({} s of audio, at 8 and 16 kHz)", phrases.size(), language, samples / 8000);
        return new PromptLibrary(language, Map.copyOf(phrases), Map.copyOf(wideband));
    }

    private static List<String> index(ClassLoader loader, String base) {
        InputStream in = loader.getResourceAsStream(base + "prompts.tsv");
        if (in == null) {
            throw new IllegalStateException("no prompts on the classpath at " + base + "prompts.tsv");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 2)[0]).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The phrase ids held. */
    public Set<String> ids() {
        return phrases.keySet();
    }

    /**
     * Checks that every id exists (at start, with {@code Voicemail.phraseIds()}), so that a missing prompt stops
     * the start rather than a call.
     *
     * @throws IllegalStateException naming the missing ids
     */
    public void require(Collection<String> ids) {
        Set<String> missing = new TreeSet<>(ids);
        missing.removeAll(phrases.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the " + language + " prompts lack " + missing
                    + " (add them to ivr/prompts/" + language + ".tsv and run make-prompts.sh)");
        }
    }

    /**
     * What to play for {@code prompts}, in order. Opens stored audio now (its stream is closed when the
     * playback ends).
     *
     * @throws IllegalArgumentException for an unknown phrase id
     * @throws UncheckedIOException     when stored audio cannot be opened or is not audio
     */
    public MediaSource source(List<Prompt> prompts) {
        return source(prompts, Frames.RATE);
    }

    /**
     * {@code prompts} as one source producing frames at {@code sampleRate} (8000 or 16000: the leg's rate).
     *
     * @throws IllegalArgumentException for another rate or an unknown phrase
     */
    public MediaSource source(List<Prompt> prompts, int sampleRate) {
        if (sampleRate != Frames.RATE && sampleRate != WIDEBAND) {
            throw new IllegalArgumentException("prompts play at 8000 or 16000 Hz, not " + sampleRate);
        }
        List<MediaSource> sources = new ArrayList<>();
        try {
            for (Prompt prompt : prompts) {
                sources.add(source(prompt, sampleRate));
            }
        } catch (RuntimeException e) {
            sources.forEach(MediaSource::close); // streams already opened
            throw e;
        }
        return sources.size() == 1 ? sources.getFirst() : new SequenceSource(List.copyOf(sources));
    }

    private MediaSource source(Prompt prompt, int sampleRate) {
        return switch (prompt) {
            case Prompt.Phrase phrase -> new PcmClip(pcm(phrase.id(), sampleRate), sampleRate);
            case Prompt.Audio audio -> {
                try {
                    yield new WavStreamSource(audio.opener().open(), sampleRate, audio.from());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open " + audio.label(), e);
                } catch (IllegalArgumentException e) {
                    throw new UncheckedIOException(new IOException(audio.label() + " is not playable audio", e));
                }
            }
            case Prompt.Tone tone -> new ToneSource(tone.hz(), tone.duration(), sampleRate);
            case Prompt.Silence silence -> new SilenceSource(silence.duration());
        };
    }

    private short[] pcm(String id, int sampleRate) {
        short[] pcm = (sampleRate == WIDEBAND ? widebandPhrases : phrases).get(id);
        if (pcm == null) {
            throw new IllegalArgumentException("no " + language + " prompt '" + id + "'");
        }
        return pcm;
    }
}
