package postbox.ivr;

/** The outcome of {@link Menu#ask}: an option, or why the menu gave up. Immutable values. */
public sealed interface Choice {

    /** The caller pressed the key sequence of one of the menu's options, e.g. {@code "2"} or {@code "*3"}. */
    record Selected(String keys) implements Choice {
    }

    /** Every attempt ended without a key (the last failure was a timeout). */
    record NoInput() implements Choice {
    }

    /** Every attempt failed and the last one was a key sequence matching no option. */
    record Invalid() implements Choice {
    }
}
