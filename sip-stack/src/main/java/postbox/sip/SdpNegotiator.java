package postbox.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import postbox.sip.Negotiation.Agreed;
import postbox.sip.Negotiation.OfferedStream;
import postbox.sip.Negotiation.Refused;
import postbox.sip.Negotiation.Unreadable;

/**
 * Reads an SDP offer (parsed by {@code javax.sdp.SdpFactory}) and picks Postbox's audio stream: the first
 * non-zero-port audio m-line that can be agreed (when none can, the first one's refusal stands), over RTP/AVP, or
 * RTP/SAVP with SDES keys when SRTP is on (the {@code a=crypto} line by {@link CryptoLine#choose}); in it, the first
 * of Postbox's codecs (in preference order) that the peer offers, by static payload type (with or without rtpmap) or
 * by rtpmap encoding name and clock rate, with the peer's fmtp for it; telephone-event at the codec's clock rate,
 * else at 8000, at the peer's payload type; ptime (default 20); the direction from the media-level then
 * session-level attribute, where {@code c=0.0.0.0} (old-style hold) means the peer receives nothing. RTP/SAVPF and
 * DTLS-SRTP are refused. Stateless and thread-safe.
 */
final class SdpNegotiator {

    /** The RTP/AVP static payload types of 8 kHz audio (RFC 3551), for naming what a peer offered. */
    private static final Map<String, String> STATIC_NAMES = Map.of(
            "0", "PCMU", "3", "GSM", "4", "G723", "8", "PCMA", "9", "G722", "15", "G728", "18", "G729");
    private static final int DEFAULT_PTIME_MS = 20;
    private static final String TELEPHONE_EVENT = "telephone-event";
    private static final String AVP = "RTP/AVP";
    private static final String SAVP = "RTP/SAVP";

    private SdpNegotiator() {
    }

    /**
     * Negotiates one offer.
     *
     * @param sdp    the offer's text
     * @param codecs the codecs Postbox accepts, most preferred first
     * @param srtp   whether RTP/SAVP (SDES) is accepted
     * @param keys   Postbox's SRTP key for the answer, given the peer's chosen crypto line
     * @return the agreed stream, a refusal (488) or why the text is not usable SDP (400)
     */
    static Negotiation negotiate(String sdp, SdpCodecs codecs, boolean srtp, LocalKeys keys) {
        try {
            SessionDescription session = SdpFactory.getInstance().createSessionDescription(sdp);
            if (session.getVersion() == null || session.getOrigin() == null) {
                return new Unreadable("no v= or o= line");
            }
            return negotiate(session, new Terms(codecs, srtp, keys));
        } catch (SdpException | RuntimeException e) {
            return new Unreadable("unparsable SDP: " + e.getMessage());
        }
    }

    /** What Postbox accepts. */
    private record Terms(SdpCodecs codecs, boolean srtp, LocalKeys keys) {
    }

    private static Negotiation negotiate(SessionDescription session, Terms terms) throws SdpException {
        List<MediaDescription> descriptions = elements(session.getMediaDescriptions(false), MediaDescription.class);
        List<OfferedStream> streams = new ArrayList<>();
        List<Integer> audioIndexes = new ArrayList<>();
        for (MediaDescription description : descriptions) {
            Media media = description.getMedia();
            List<String> formats = elements(media.getMediaFormats(false), String.class);
            streams.add(new OfferedStream(media.getMediaType(), media.getProtocol(),
                    formats.isEmpty() ? "0" : formats.getFirst()));
            if ("audio".equalsIgnoreCase(media.getMediaType()) && media.getMediaPort() != 0) {
                audioIndexes.add(streams.size() - 1);
            }
        }
        if (audioIndexes.isEmpty()) {
            return new Refused(304, streams.stream().anyMatch(s -> "audio".equalsIgnoreCase(s.mediaType()))
                    ? "the audio stream was offered with port 0"
                    : "no audio stream offered" + describeTypes(streams));
        }
        Negotiation first = null;
        for (int index : audioIndexes) {
            Negotiation outcome = negotiate(session, streams, index, descriptions.get(index), terms);
            if (outcome instanceof Agreed) {
                return outcome;
            }
            first = first == null ? outcome : first;
        }
        return first;
    }

    /** One audio m-line, {@code streams.get(index)}. */
    private static Negotiation negotiate(SessionDescription session, List<OfferedStream> streams, int index,
                                         MediaDescription audio, Terms terms) throws SdpException {
        Media media = audio.getMedia();
        Optional<Refused> transportRefusal = transportRefusal(media.getProtocol(), terms.srtp());
        if (transportRefusal.isPresent()) {
            return transportRefusal.get();
        }
        Connection connection = audio.getConnection() != null ? audio.getConnection() : session.getConnection();
        if (connection == null) {
            return new Unreadable("no c= line for the audio stream");
        }
        if (!"IN".equalsIgnoreCase(connection.getNetworkType())
                || !"IP4".equalsIgnoreCase(connection.getAddressType())) {
            return new Refused(301, "address type " + connection.getNetworkType() + " "
                    + connection.getAddressType() + " offered; Postbox takes IN IP4");
        }
        Optional<InetAddress> address = ipv4Literal(connection.getAddress());
        if (address.isEmpty()) {
            return new Refused(301, "connection address " + connection.getAddress() + " is not an IPv4 literal");
        }
        Optional<Crypto> crypto = Optional.empty();
        if (SAVP.equalsIgnoreCase(media.getProtocol())) {
            List<String> cryptoLines = attributes(audio.getAttributes(false), "crypto");
            if (cryptoLines.isEmpty() && fingerprinted(audio, session)) {
                return new Refused(302, "DTLS-SRTP (a=fingerprint without a=crypto) is not supported;"
                        + " Postbox takes SDES a=crypto keys (RFC 4568)");
            }
            switch (CryptoLine.choose(cryptoLines)) {
                case CryptoLine.Choice.Chosen chosen -> {
                    CryptoLine line = chosen.line();
                    crypto = Optional.of(new Crypto(line.suite(), line.keySalt(), terms.keys().keySaltFor(line),
                            line.tag()));
                }
                case CryptoLine.Choice.NoneUsable none -> {
                    return new Refused(306, none.why());
                }
            }
        }
        Map<String, RtpMap> rtpMaps = rtpMaps(audio);
        List<String> formats = elements(media.getMediaFormats(false), String.class);
        for (SdpCodec codec : terms.codecs().preference()) {
            Optional<String> payloadType = formats.stream().filter(pt -> carries(pt, rtpMaps.get(pt), codec))
                    .findFirst();
            if (payloadType.isPresent()) {
                boolean hold = address.get().isAnyLocalAddress();
                Dtmf dtmf = dtmf(formats, rtpMaps, codec.clockRate());
                MediaOffer offer = new MediaOffer(new InetSocketAddress(address.get(), media.getMediaPort()),
                        codec.encodingName(), Integer.parseInt(payloadType.get()), codec.clockRate(),
                        dtmf.payloadType(), ptimeMs(audio, session), direction(audio, session, hold),
                        fmtp(audio, payloadType.get()), dtmf.clockRate(), crypto);
                return new Agreed(offer, streams, index);
            }
        }
        return new Refused(305, "no common codec: offered " + describeFormats(formats, rtpMaps)
                + "; Postbox takes " + String.join(", ", terms.codecs().tokens()));
    }

    /** Empty for a transport Postbox takes: RTP/AVP, and RTP/SAVP when SRTP is on. */
    private static Optional<Refused> transportRefusal(String protocol, boolean srtp) {
        String upper = protocol == null ? "" : protocol.toUpperCase(Locale.ROOT);
        String takes = "; Postbox takes " + AVP + (srtp ? " or " + SAVP + " with SDES a=crypto keys" : "");
        if (upper.equals(AVP) || (upper.equals(SAVP) && srtp)) {
            return Optional.empty();
        }
        if (upper.equals(SAVP)) {
            return Optional.of(new Refused(302, "RTP/SAVP (SRTP) offered, but SRTP is turned off here" + takes));
        }
        if (upper.contains("TLS")) {
            return Optional.of(new Refused(302, "DTLS-SRTP (" + protocol + ") is not supported" + takes));
        }
        if (upper.endsWith("AVPF")) {
            return Optional.of(new Refused(302, protocol + " (RTCP feedback profile) is not supported" + takes));
        }
        return Optional.of(new Refused(302, "transport " + protocol + " offered" + takes));
    }

    /** True when the offer has a DTLS fingerprint (RFC 8122) for the stream. */
    private static boolean fingerprinted(MediaDescription audio, SessionDescription session) {
        return !attributes(audio.getAttributes(false), "fingerprint").isEmpty()
                || !attributes(session.getAttributes(false), "fingerprint").isEmpty();
    }

    private static boolean carries(String payloadType, RtpMap rtpMap, SdpCodec codec) {
        if (rtpMap != null) {
            return codec.matches(rtpMap.encoding(), rtpMap.clockRate());
        }
        return codec.staticPayloadType() >= 0 && payloadType.equals(Integer.toString(codec.staticPayloadType()));
    }

    /** A telephone-event payload type and its clock. */
    private record Dtmf(int payloadType, int clockRate) {
    }

    /** Telephone-event at the codec's clock rate if offered, else at 8000, else none. */
    private static Dtmf dtmf(List<String> formats, Map<String, RtpMap> rtpMaps, int codecClockRate) {
        Dtmf at8000 = new Dtmf(-1, MediaOffer.DEFAULT_DTMF_CLOCK_RATE);
        for (String format : formats) {
            RtpMap rtpMap = rtpMaps.get(format);
            if (rtpMap == null || !TELEPHONE_EVENT.equalsIgnoreCase(rtpMap.encoding())) {
                continue;
            }
            if (rtpMap.clockRate() == codecClockRate) {
                return new Dtmf(Integer.parseInt(format), codecClockRate);
            }
            if (rtpMap.clockRate() == MediaOffer.DEFAULT_DTMF_CLOCK_RATE && at8000.payloadType() < 0) {
                at8000 = new Dtmf(Integer.parseInt(format), MediaOffer.DEFAULT_DTMF_CLOCK_RATE);
            }
        }
        return at8000;
    }

    /** The parameters of the first {@code a=fmtp} for the payload type, or "". */
    private static String fmtp(MediaDescription audio, String payloadType) {
        for (String value : attributes(audio.getAttributes(false), "fmtp")) {
            String[] ptAndParameters = value.trim().split("\\s+", 2);
            if (ptAndParameters[0].equals(payloadType)) {
                return ptAndParameters.length > 1 ? ptAndParameters[1].trim() : "";
            }
        }
        return "";
    }

    private static int ptimeMs(MediaDescription audio, SessionDescription session) {
        String ptime = attributes(audio.getAttributes(false), "ptime").stream().findFirst()
                .or(() -> attributes(session.getAttributes(false), "ptime").stream().findFirst()).orElse(null);
        if (ptime == null) {
            return DEFAULT_PTIME_MS;
        }
        try {
            int value = Integer.parseInt(ptime.trim());
            return value > 0 ? value : DEFAULT_PTIME_MS;
        } catch (NumberFormatException e) {
            return DEFAULT_PTIME_MS;
        }
    }

    private static MediaDirection direction(MediaDescription audio, SessionDescription session, boolean hold) {
        MediaDirection stated = directionIn(audio.getAttributes(false))
                .or(() -> directionIn(session.getAttributes(false))).orElse(MediaDirection.SENDRECV);
        if (!hold) {
            return stated;
        }
        return stated.remoteSends() ? MediaDirection.SENDONLY : MediaDirection.INACTIVE;
    }

    private static Optional<MediaDirection> directionIn(Vector<?> attributes) {
        for (Attribute attribute : elements(attributes, Attribute.class)) {
            String name = name(attribute);
            for (MediaDirection direction : MediaDirection.values()) {
                if (direction.name().equalsIgnoreCase(name)) {
                    return Optional.of(direction);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, RtpMap> rtpMaps(MediaDescription audio) {
        Map<String, RtpMap> maps = new LinkedHashMap<>();
        for (String value : attributes(audio.getAttributes(false), "rtpmap")) {
            RtpMap.parse(value).ifPresent(map -> maps.putIfAbsent(map.payloadType(), map));
        }
        return maps;
    }

    /** The values of every attribute with this name, in order. */
    private static List<String> attributes(Vector<?> attributes, String wanted) {
        return elements(attributes, Attribute.class).stream().filter(a -> wanted.equalsIgnoreCase(name(a)))
                .map(SdpNegotiator::value).toList();
    }

    private static String name(Attribute attribute) {
        try {
            return attribute.getName();
        } catch (SdpException e) {
            return "";
        }
    }

    private static String value(Attribute attribute) {
        try {
            String value = attribute.getValue();
            return value == null ? "" : value;
        } catch (SdpException e) {
            return "";
        }
    }

    /** An IPv4 dotted-quad without a DNS lookup (this runs on a JAIN-SIP thread). */
    static Optional<InetAddress> ipv4Literal(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String describeFormats(List<String> formats, Map<String, RtpMap> rtpMaps) {
        List<String> names = new ArrayList<>();
        for (String format : formats) {
            RtpMap rtpMap = rtpMaps.get(format);
            names.add(rtpMap != null ? rtpMap.encoding() + "/" + rtpMap.clockRate() : staticName(format));
        }
        return names.isEmpty() ? "no formats" : String.join(", ", names);
    }

    private static String staticName(String payloadType) {
        return STATIC_NAMES.getOrDefault(payloadType, "payload type " + payloadType);
    }

    private static String describeTypes(List<OfferedStream> streams) {
        return streams.isEmpty() ? "" : " (offered: " + String.join(", ",
                streams.stream().map(OfferedStream::mediaType).toList()) + ")";
    }

    private static <T> List<T> elements(Vector<?> vector, Class<T> type) {
        List<T> list = new ArrayList<>();
        if (vector != null) {
            for (Object element : vector) {
                if (type.isInstance(element)) {
                    list.add(type.cast(element));
                }
            }
        }
        return list;
    }
}
