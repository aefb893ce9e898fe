package postbox.sip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Postbox's codecs in preference order, as configured ({@link SipConfig#codecs()}): negotiation picks the first of
 * these that the peer offers. Immutable and thread-safe.
 *
 * @param preference the codecs, most preferred first, without repeats
 */
public record SdpCodecs(List<SdpCodec> preference) {

    public SdpCodecs {
        preference = List.copyOf(new LinkedHashSet<>(preference));
        if (preference.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is needed (known: " + String.join(", ", known())
                    + ")");
        }
    }

    /**
     * The configuration tokens Postbox knows, in their canonical spelling: {@code PCMU}, {@code PCMA}, {@code G722},
     * {@code speex/8000}, {@code speex/16000}, {@code opus}. Tokens are read ignoring case, and {@code speex} alone
     * means {@code speex/8000}.
     */
    public static List<String> known() {
        return Arrays.stream(SdpCodec.values()).map(SdpCodec::token).toList();
    }

    /**
     * Reads configuration tokens (see {@link #known()}); repeats are dropped, the first one kept.
     *
     * @throws IllegalArgumentException naming the unknown tokens and the known ones, or when the list is empty
     */
    public static SdpCodecs parse(List<String> tokens) {
        Objects.requireNonNull(tokens, "codecs");
        List<SdpCodec> codecs = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String token : tokens) {
            Optional<SdpCodec> codec = SdpCodec.forToken(token);
            if (codec.isPresent()) {
                codecs.add(codec.get());
            } else {
                unknown.add(String.valueOf(token));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown codec" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", known())
                    + "; speex means speex/8000; any case)");
        }
        return new SdpCodecs(codecs);
    }

    /** The canonical tokens of these codecs, in order. */
    public List<String> tokens() {
        return preference.stream().map(SdpCodec::token).toList();
    }

    /** The same codecs with {@code first} moved to the front (a re-INVITE keeps the call's codec when it can). */
    SdpCodecs preferring(SdpCodec first) {
        List<SdpCodec> reordered = new ArrayList<>();
        reordered.add(first);
        reordered.addAll(preference);
        return new SdpCodecs(reordered);
    }
}
