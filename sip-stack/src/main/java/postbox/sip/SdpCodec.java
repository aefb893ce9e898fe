package postbox.sip;

import java.util.Optional;

/**
 * An audio codec Postbox can carry in SDP: its configuration token, SDP encoding name and RTP clock rate (RFC 3551
 * for G.711 and G.722, RFC 5574 for Speex, RFC 7587 for Opus), its static payload type if it has one, and the
 * {@code a=fmtp} parameters Postbox answers with. Immutable and thread-safe.
 */
public enum SdpCodec {
    /** G.711 µ-law. */
    PCMU("PCMU", "PCMU", 8000, 1, 0, ""),
    /** G.711 A-law. */
    PCMA("PCMA", "PCMA", 8000, 1, 8, ""),
    /** G.722: 16 kHz audio, but an 8000 Hz RTP clock (RFC 3551 section 4.5.2). */
    G722("G722", "G722", 8000, 1, 9, ""),
    /** Narrowband Speex, 8 kHz. */
    SPEEX_NB("speex/8000", "speex", 8000, 1, -1, ""),
    /** Wideband Speex, 16 kHz. */
    SPEEX_WB("speex/16000", "speex", 16000, 1, -1, ""),
    /**
     * Opus: always {@code opus/48000/2} in SDP (RFC 7587); Postbox decodes 16 kHz mono and says so in its fmtp
     * (the peer may then encode at 16 kHz, mono, without in-band FEC).
     */
    OPUS("opus", "opus", 48000, 2, -1,
            "maxplaybackrate=16000; sprop-maxcapturerate=16000; stereo=0; sprop-stereo=0; useinbandfec=0");

    private final String token;
    private final String encodingName;
    private final int clockRate;
    private final int channels;
    private final int staticPayloadType;
    private final String answerFmtp;

    SdpCodec(String token, String encodingName, int clockRate, int channels, int staticPayloadType,
             String answerFmtp) {
        this.token = token;
        this.encodingName = encodingName;
        this.clockRate = clockRate;
        this.channels = channels;
        this.staticPayloadType = staticPayloadType;
        this.answerFmtp = answerFmtp;
    }

    /** The configuration token ({@code SipConfig.codecs}): {@code PCMU}, {@code speex/16000}, {@code opus}, ... */
    public String token() {
        return token;
    }

    /** The SDP encoding name, as {@link MediaOffer#codec()} carries it. */
    public String encodingName() {
        return encodingName;
    }

    /** The RTP clock rate in the {@code a=rtpmap} line (and {@link MediaOffer#clockRate()}). */
    public int clockRate() {
        return clockRate;
    }

    /** The RTP/AVP static payload type, or -1 when the codec only has dynamic ones. */
    public int staticPayloadType() {
        return staticPayloadType;
    }

    /** The {@code a=rtpmap} encoding part: {@code PCMU/8000}, {@code speex/16000}, {@code opus/48000/2}. */
    public String rtpmap() {
        return encodingName + "/" + clockRate + (channels > 1 ? "/" + channels : "");
    }

    /** The {@code a=fmtp} parameters Postbox answers with for this codec, or "" for none. */
    public String answerFmtp() {
        return answerFmtp;
    }

    /** True for an rtpmap of this codec: the encoding name ignoring case, and the clock rate. */
    public boolean matches(String encoding, int rtpClockRate) {
        return encodingName.equalsIgnoreCase(encoding) && clockRate == rtpClockRate;
    }

    /** The codec of an rtpmap's encoding name (any case) and clock rate, if Postbox knows it. */
    public static Optional<SdpCodec> of(String encoding, int rtpClockRate) {
        for (SdpCodec codec : values()) {
            if (codec.matches(encoding, rtpClockRate)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec a configuration token names, ignoring case; {@code speex} alone is {@code speex/8000}. */
    static Optional<SdpCodec> forToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String wanted = token.trim();
        if (wanted.equalsIgnoreCase("speex")) {
            return Optional.of(SPEEX_NB);
        }
        for (SdpCodec codec : values()) {
            if (codec.token.equalsIgnoreCase(wanted)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
