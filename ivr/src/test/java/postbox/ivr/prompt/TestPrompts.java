package postbox.ivr.prompt;

/** The English prompt library, loaded once per test JVM (it is immutable). Thread-safe. */
public final class TestPrompts {

    private static final PromptLibrary ENGLISH = PromptLibrary.load("en");

    private TestPrompts() {
    }

    /** The committed English prompts. */
    public static PromptLibrary english() {
        return ENGLISH;
    }
}
