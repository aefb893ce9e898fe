package postbox.ivr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import postbox.media.Frames;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.RecordStop;
import postbox.store.TestWavs;

/**
 * A scripted caller for flow tests: keys typed ahead or pressed when a given prompt starts, scripted
 * recordings (a test tone then silence written to the output), a hangup when a given prompt starts. It records
 * the labels of the prompts heard (phrase ids, {@code message:<id>}, {@code tone:1000} …) and the samples of the
 * stored audio heard (strictly parsed as the store's WAV), and checks every phrase id against the prompt library.
 * Time does not pass: a key wait with an empty buffer is a timeout at once.
 * Single-threaded, like the flow that uses it.
 */
public final class FakeCall implements Call {

    /** A runaway flow (a menu loop that never ends) fails the test instead of hanging it. */
    private static final int MAX_STEPS = 5_000;

    private final String callerNumber;
    private final Set<String> phraseIds;
    private final Deque<Character> typeAhead = new ArrayDeque<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private final Deque<Take> takes = new ArrayDeque<>();
    private final List<String> heard = new ArrayList<>();
    private final Map<String, short[]> audio = new HashMap<>();
    private final List<RecordSpec> specs = new ArrayList<>();
    private final List<String> audioStarts = new ArrayList<>();
    private final Deque<Boolean> transferOutcomes = new ArrayDeque<>();
    private final List<String> transfers = new ArrayList<>();
    private Duration lastHeardAfter = Duration.ZERO;
    private String ended;
    private boolean flowHungUp;
    private int steps;

    /**
     * @param callerNumber what {@link #callerNumber()} says
     * @param phraseIds    the phrase ids that exist (the prompt library's); any other fails the test
     */
    public FakeCall(String callerNumber, Set<String> phraseIds) {
        this.callerNumber = callerNumber;
        this.phraseIds = Set.copyOf(phraseIds);
    }

    /** A recording the caller will make: {@code voicedSamples} of tone, then {@code silentSamples} of silence. */
    public record Take(int voicedSamples, int silentSamples, RecordStop reason, short amplitude) {
        /** A take of {@code voiced} "speech" (a square wave of {@code amplitude}) then {@code silent} silence. */
        public static Take of(Duration voiced, Duration silent, RecordStop reason, int amplitude) {
            return new Take((int) (voiced.toMillis() * Frames.RATE / 1000),
                    (int) (silent.toMillis() * Frames.RATE / 1000), reason, (short) amplitude);
        }

        /** The samples this take writes. */
        public short[] audio() {
            short[] audio = new short[voicedSamples + silentSamples];
            for (int i = 0; i < voicedSamples; i++) {
                audio[i] = (short) ((i / 10) % 2 == 0 ? amplitude : -amplitude);
            }
            return audio;
        }
    }

    private record Trigger(String label, String keys, boolean hangup, Duration after) {
    }

    /** Keys typed before the flow asks for them. */
    public FakeCall typeAhead(String keys) {
        keys.chars().forEach(key -> typeAhead.add((char) key));
        return this;
    }

    /** The next time a prompt labelled {@code label} starts, the caller presses {@code keys} (barge-in). */
    public FakeCall pressWhen(String label, String keys) {
        return pressWhen(label, keys, Duration.ZERO);
    }

    /**
     * The next time a prompt labelled {@code label} starts, the caller presses {@code keys} {@code after} into it
     * (what {@link #playAudio} reports as heard; for other prompts only the key counts).
     */
    public FakeCall pressWhen(String label, String keys, Duration after) {
        triggers.add(new Trigger(label, keys, false, after));
        return this;
    }

    /** The next time a prompt labelled {@code label} starts, the caller hangs up. */
    public FakeCall hangUpWhen(String label) {
        triggers.add(new Trigger(label, "", true, Duration.ZERO));
        return this;
    }

    /** The next {@link #transfer} succeeds or fails as said (a transfer not scripted fails the test). */
    public FakeCall transfers(boolean succeeds) {
        transferOutcomes.add(succeeds);
        return this;
    }

    /** The numbers the flow transferred to (or tried to), in order. */
    public List<String> transfersTried() {
        return List.copyOf(transfers);
    }

    /** The next {@link #record} call records {@code take}; {@link RecordStop#CLOSED} means a hangup while recording. */
    public FakeCall records(Take take) {
        takes.add(take);
        return this;
    }

    /** The labels of the prompts heard, in order. */
    public List<String> heard() {
        return List.copyOf(heard);
    }

    /** The samples of the stored audio last heard under {@code label}; fails when it was not heard. */
    public short[] audio(String label) {
        short[] samples = audio.get(label);
        if (samples == null) {
            throw new AssertionError("no audio '" + label + "' was heard; heard: " + heard);
        }
        return samples;
    }

    /** Each stored audio played with {@link #playAudio}, in order: {@code <label>@<ms from its start>}. */
    public List<String> audioStarts() {
        return List.copyOf(audioStarts);
    }

    /** The specs of the recordings made, in order. */
    public List<RecordSpec> recordSpecs() {
        return List.copyOf(specs);
    }

    /** Whether the flow hung up (as opposed to the caller, or not at all). */
    public boolean flowHungUp() {
        return flowHungUp;
    }

    /** Whether the scripted triggers, keys, takes and transfers were all used. */
    public boolean scriptDone() {
        return triggers.isEmpty() && takes.isEmpty() && typeAhead.isEmpty() && transferOutcomes.isEmpty();
    }

    @Override
    public String callerNumber() {
        return callerNumber;
    }

    @Override
    public boolean play(List<Prompt> prompts) {
        step();
        if (!typeAhead.isEmpty()) {
            return false;
        }
        return hear(prompts, true);
    }

    /** {@inheritDoc} Played to its end: the audio's length; stopped by a key: the start plus the key's delay. */
    @Override
    public Heard playAudio(Prompt.Audio audio) {
        step();
        if (!typeAhead.isEmpty()) {
            return new Heard(false, audio.from());
        }
        audioStarts.add(audio.label() + "@" + audio.from().toMillis());
        if (hear(List.of(audio), true)) {
            long samples = this.audio.get(audio.label()).length;
            return new Heard(true, Duration.ofMillis(Math.max(audio.from().toMillis(), samples * 1000 / Frames.RATE)));
        }
        return new Heard(false, audio.from().plus(lastHeardAfter));
    }

    @Override
    public void playWhole(List<Prompt> prompts) {
        step();
        hear(prompts, false);
    }

    /** Hears the prompts; false when a key stopped them. */
    private boolean hear(List<Prompt> prompts, boolean bargeIn) {
        for (Prompt prompt : prompts) {
            check(prompt);
            heard.add(prompt.label());
            Optional<Trigger> trigger = fire(prompt.label());
            if (trigger.isPresent() && trigger.get().hangup()) {
                ended = "caller hung up during " + prompt.label();
                throw new HangupException(ended);
            }
            if (trigger.isPresent()) {
                lastHeardAfter = trigger.get().after();
                typeAhead(trigger.get().keys());
                if (bargeIn) {
                    return false;
                }
            }
        }
        return true;
    }

    private void check(Prompt prompt) {
        switch (prompt) {
            case Prompt.Phrase phrase -> {
                if (!phraseIds.contains(phrase.id())) {
                    throw new AssertionError("phrase '" + phrase.id() + "' is not in the prompt library");
                }
            }
            case Prompt.Audio audio -> {
                try (InputStream wav = audio.opener().open()) {
                    this.audio.put(audio.label(), TestWavs.samples(wav));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case Prompt.Tone tone -> {
            }
            case Prompt.Silence silence -> {
            }
        }
    }

    private Optional<Trigger> fire(String label) {
        for (Iterator<Trigger> it = triggers.iterator(); it.hasNext(); ) {
            Trigger trigger = it.next();
            if (trigger.label().equals(label)) {
                it.remove();
                return Optional.of(trigger);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean transfer(String number) {
        step();
        transfers.add(number);
        Boolean outcome = transferOutcomes.poll();
        if (outcome == null) {
            throw new AssertionError("the flow transfers to " + number + " but no outcome is scripted");
        }
        typeAhead.clear();
        heard.add("transfer:" + number);
        return outcome;
    }

    @Override
    public Optional<Character> readKey(Duration timeout) {
        step();
        return Optional.ofNullable(typeAhead.poll());
    }

    @Override
    public void discardKeys() {
        typeAhead.clear();
    }

    @Override
    public Recording record(RecordSpec spec, PcmOutput output) {
        step();
        specs.add(spec);
        Take take = takes.poll();
        if (take == null) {
            throw new AssertionError("the flow records but no take is scripted; heard: " + heard);
        }
        try {
            write(output, take.audio());
        } catch (IOException e) {
            return new Recording(RecordStop.ERROR, 0, 0);
        }
        if (take.reason() == RecordStop.CLOSED) {
            ended = "caller hung up while recording";
        }
        return new Recording(take.reason(), take.voicedSamples() + take.silentSamples(), take.voicedSamples());
    }

    /** Writes a frame at a time, checkpointing about once a second, as a recorder does. */
    private static void write(PcmOutput output, short[] audio) throws IOException {
        for (int offset = 0; offset < audio.length; offset += Frames.SAMPLES) {
            output.write(audio, offset, Math.min(Frames.SAMPLES, audio.length - offset));
            if ((offset / Frames.SAMPLES) % 50 == 49) {
                output.checkpoint();
            }
        }
        output.checkpoint();
    }

    @Override
    public void hangup() {
        if (ended == null) {
            ended = "hung up by the flow";
            flowHungUp = true;
        }
    }

    private void step() {
        if (ended != null) {
            throw new HangupException(ended);
        }
        if (++steps > MAX_STEPS) {
            throw new AssertionError("the flow ran " + MAX_STEPS + " steps; heard: " + heard);
        }
    }
}
