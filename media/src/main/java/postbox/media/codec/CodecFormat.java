package postbox.media.codec;

import java.util.Locale;

/**
 * A codec as SDP names it and as the engine runs it. Immutable.
 *
 * @param encodingName the SDP encoding name ({@code PCMU}, {@code PCMA}, {@code G722}, {@code speex}, {@code opus})
 * @param clockRate    the RTP clock rate in the rtpmap (G.722: 8000 per RFC 3551 although it samples at 16 kHz;
 *                     Opus: 48000)
 * @param sampleRate   the rate the leg runs at with this codec: 8000 or 16000 Hz
 */
public record CodecFormat(String encodingName, int clockRate, int sampleRate) {

    /** Samples per 20 ms frame at {@link #sampleRate()}: 160 or 320. */
    public int frameSamples() {
        return sampleRate / 50;
    }

    /** RTP timestamp units per 20 ms frame: {@code clockRate / 50}. */
    public int timestampStep() {
        return clockRate / 50;
    }

    /**
     * The configuration token naming it (as in {@code sip.codecs}): {@code PCMU}, {@code PCMA}, {@code G722},
     * {@code speex/8000}, {@code speex/16000}, {@code opus}.
     */
    public String token() {
        return encodingName.equals("speex") ? "speex/" + clockRate : encodingName;
    }

    /** True when {@code name} and {@code rate} (from an rtpmap) denote this format. */
    public boolean matches(String name, int rate) {
        return encodingName.equalsIgnoreCase(name.toLowerCase(Locale.ROOT)) && clockRate == rate;
    }
}
