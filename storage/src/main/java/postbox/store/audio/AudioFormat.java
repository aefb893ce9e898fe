package postbox.store.audio;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats message audio is exported in (SPEC section 7: {@code ?format=wav|mp3|opus}). */
public enum AudioFormat {
    /** As stored: 8 kHz mono 16-bit PCM in a RIFF/WAVE file. */
    WAV("wav", "audio/wav"),
    /** MPEG-1/2 layer III (LAME), 8 kHz mono, 24 kbit/s. */
    MP3("mp3", "audio/mpeg"),
    /** Opus in Ogg (libopus), 16 kbit/s. */
    OPUS("opus", "audio/ogg");

    private final String token;
    private final String mediaType;

    AudioFormat(String token, String mediaType) {
        this.token = token;
        this.mediaType = mediaType;
    }

    /** How the format is named in URLs and file names: {@code wav}, {@code mp3}, {@code opus}. */
    public String token() {
        return token;
    }

    /** The HTTP content type. */
    public String mediaType() {
        return mediaType;
    }

    /** The format named {@code token} (any case); throws {@link IllegalArgumentException} listing the formats. */
    public static AudioFormat parse(String token) {
        for (AudioFormat format : values()) {
            if (format.token.equalsIgnoreCase(token)) {
                return format;
            }
        }
        throw new IllegalArgumentException("audio format '" + token + "' is not one of "
                + Arrays.stream(values()).map(AudioFormat::token).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return token.toUpperCase(Locale.ROOT);
    }
}
