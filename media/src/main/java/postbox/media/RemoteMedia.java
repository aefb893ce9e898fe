package postbox.media;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how a leg sends and receives RTP, as negotiated in SDP. Immutable.
 *
 * @param address          the peer's RTP address from SDP (symmetric RTP switches to the source of the peer's
 *                         packets once they arrive); its RTCP goes to the next port up
 * @param codec            the SDP encoding name, case-insensitive: {@code PCMU}, {@code PCMA}, {@code G722},
 *                         {@code speex} or {@code opus} (see {@link postbox.media.codec.Codecs#supported()})
 * @param clockRate        the codec's RTP clock rate from the rtpmap: 8000 for PCMU, PCMA and G722 (RFC 3551),
 *                         8000 or 16000 for speex (narrow or wide band), 48000 for opus
 * @param payloadType      the payload type for that codec
 * @param fmtp             the peer's format parameters for that payload type ({@code ""} for none)
 * @param dtmfPayloadType  the RFC 4733 telephone-event payload type, or -1 for none (then DTMF is detected and
 *                         sent in band)
 * @param dtmfClockRate    the telephone-event clock rate (usually the codec's clock rate)
 * @param send             false while the peer holds us ({@code recvonly}/{@code inactive} from its side):
 *                         nothing is sent, the playback still advances
 * @param receive          false while the peer sends nothing ({@code sendonly}/{@code inactive} on hold)
 * @param srtp             the SDES keys when the media is RTP/SAVP, empty for plain RTP
 */
public record RemoteMedia(InetSocketAddress address, String codec, int clockRate, int payloadType, String fmtp,
                          int dtmfPayloadType, int dtmfClockRate, boolean send, boolean receive,
                          Optional<SrtpKeys> srtp) {

    /** Validates; a null {@code fmtp} means none, a null {@code srtp} plain RTP. */
    public RemoteMedia {
        if (address == null) {
            throw new IllegalArgumentException("the peer's RTP address is missing");
        }
        if (codec == null || codec.isBlank()) {
            throw new IllegalArgumentException("the codec's encoding name is missing");
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("the RTP clock rate must be positive, not " + clockRate);
        }
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " is not 0..127");
        }
        if (dtmfPayloadType < -1 || dtmfPayloadType > 127 || dtmfPayloadType == payloadType) {
            throw new IllegalArgumentException("telephone-event payload type " + dtmfPayloadType
                    + " is not -1 or 0..127 apart from the audio payload type");
        }
        if (dtmfPayloadType >= 0 && dtmfClockRate <= 0) {
            throw new IllegalArgumentException("the telephone-event clock rate must be positive, not "
                    + dtmfClockRate);
        }
        fmtp = fmtp == null ? "" : fmtp;
        srtp = srtp == null ? Optional.empty() : srtp;
    }

    /**
     * The media of an 8 kHz G.711 call without SRTP (the form before wideband codecs): PCMU or PCMA at clock rate
     * 8000, no format parameters, telephone-events at 8000.
     */
    public RemoteMedia(InetSocketAddress address, String codec, int payloadType, int dtmfPayloadType, boolean send,
                       boolean receive) {
        this(address, codec, 8000, payloadType, "", dtmfPayloadType, 8000, send, receive, Optional.empty());
    }

    /** True when the peer takes RFC 4733 telephone-events (otherwise DTMF goes in band both ways). */
    public boolean telephoneEvents() {
        return dtmfPayloadType >= 0;
    }

    @Override
    public String toString() {
        return "RemoteMedia[" + address + " " + codec.toLowerCase(Locale.ROOT) + "/" + clockRate + " pt "
                + payloadType + (fmtp.isEmpty() ? "" : " fmtp '" + fmtp + "'") + " dtmf "
                + (dtmfPayloadType < 0 ? "in band" : dtmfPayloadType + "/" + dtmfClockRate)
                + (send ? " send" : "") + (receive ? " receive" : "") + (srtp.isPresent() ? " srtp" : "") + "]";
    }
}
