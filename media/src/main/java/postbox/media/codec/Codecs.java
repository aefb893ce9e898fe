package postbox.media.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The codecs this build speaks, and the factory of per-leg instances. Opus is listed only when libjitsi's JNI
 * libopus loads on this machine (checked once, on first use). Thread-safe.
 */
public final class Codecs {
    private static final Logger log = LoggerFactory.getLogger(Codecs.class);
    private static final List<CodecFormat> SUPPORTED = probe();

    private Codecs() {
    }

    /**
     * Everything this build can speak, cheapest first by CPU per 20 ms frame (encode + decode, measured here on
     * a shared 2-core machine, see {@code CodecCostTest}): PCMU and PCMA (~1 µs), G.722 (~20 µs, own pure-Java),
     * Opus (~60 µs, JNI; only when its native library loads), Speex NB (~130-170 µs) and WB (~500-700 µs; JSpeex,
     * which also allocates 30-80 KB per frame). Use {@link CodecFormat#token()} to check a {@code sip.codecs}
     * entry; at scale, prefer the G.711 and G.722 ones.
     */
    public static List<CodecFormat> supported() {
        return SUPPORTED;
    }

    /**
     * The format of SDP encoding name {@code encodingName} (case-insensitive) at RTP clock rate {@code clockRate}.
     *
     * @throws IllegalArgumentException when this build does not speak it
     */
    public static CodecFormat format(String encodingName, int clockRate) {
        for (CodecFormat format : SUPPORTED) {
            if (format.matches(encodingName, clockRate)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unsupported codec '" + encodingName + "/" + clockRate
                + "': this build speaks " + SUPPORTED.stream().map(f -> f.encodingName() + "/" + f.clockRate())
                .toList() + ".");
    }

    /**
     * A codec instance for one leg (stateful codecs keep their state per leg; close it when the leg is done with
     * it).
     *
     * @param fmtp the peer's format parameters; none changes how Postbox codes (it always sends mono 20 ms frames
     *             and decodes whatever the codec's decoder accepts)
     * @throws IllegalArgumentException when this build does not speak {@code encodingName/clockRate}
     */
    public static Codec create(String encodingName, int clockRate, String fmtp) {
        CodecFormat format = format(encodingName, clockRate);
        return switch (format.encodingName().toLowerCase(Locale.ROOT)) {
            case "pcmu" -> G711.ULAW;
            case "pcma" -> G711.ALAW;
            case "g722" -> new G722();
            case "speex" -> new Speex(format.clockRate() == Speex.WIDE_BAND.clockRate());
            case "opus" -> new Opus();
            default -> throw new IllegalStateException("no factory for " + format);
        };
    }

    private static List<CodecFormat> probe() {
        List<CodecFormat> formats = new ArrayList<>();
        formats.add(G711.ULAW.format());
        formats.add(G711.ALAW.format());
        formats.add(G722.FORMAT);
        if (opusLoads()) {
            formats.add(Opus.FORMAT);
        }
        formats.add(Speex.NARROW_BAND);
        formats.add(Speex.WIDE_BAND);
        return List.copyOf(formats);
    }

    private static boolean opusLoads() {
        try {
            new Opus().close();
            return true;
        } catch (LinkageError | RuntimeException e) {
            log.warn("Opus is not available: libjitsi's JNI libopus does not load here ({})", e.toString());
            return false;
        }
    }
}
