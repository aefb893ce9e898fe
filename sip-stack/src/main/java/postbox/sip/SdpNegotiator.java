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
 * non-zero-port audio m-line over RTP/AVP; in it, the first of Postbox's codecs (in preference order) that the peer
 * offers, at 8000 Hz, by static payload type (with or without rtpmap) or by rtpmap name; telephone-event/8000 at the
 * peer's payload type; ptime (default 20); the direction from the media-level then session-level attribute, where
 * {@code c=0.0.0.0} (old-style hold) means the peer receives nothing. Stateless and thread-safe.
 */
final class SdpNegotiator {

    /** RTP/AVP static payload types (RFC 3551) of 8 kHz audio codecs, by encoding name. */
    private static final Map<String, Integer> STATIC_PAYLOAD_TYPES = Map.of(
            "PCMU", 0, "GSM", 3, "G723", 4, "PCMA", 8, "G722", 9, "G728", 15, "G729", 18);
    private static final int CLOCK_RATE = 8000;
    private static final int DEFAULT_PTIME_MS = 20;
    private static final String TELEPHONE_EVENT = "telephone-event";

    private SdpNegotiator() {
    }

    /**
     * Negotiates one offer.
     *
     * @param sdp    the offer's text
     * @param codecs the encoding names Postbox accepts, most preferred first
     * @return the agreed stream, a refusal (488) or why the text is not usable SDP (400)
     */
    static Negotiation negotiate(String sdp, List<String> codecs) {
        try {
            SessionDescription session = SdpFactory.getInstance().createSessionDescription(sdp);
            if (session.getVersion() == null || session.getOrigin() == null) {
                return new Unreadable("no v= or o= line");
            }
            return negotiate(session, codecs);
        } catch (SdpException | RuntimeException e) {
            return new Unreadable("unparsable SDP: " + e.getMessage());
        }
    }

    private static Negotiation negotiate(SessionDescription session, List<String> codecs) throws SdpException {
        List<MediaDescription> descriptions = elements(session.getMediaDescriptions(false), MediaDescription.class);
        List<OfferedStream> streams = new ArrayList<>();
        int audioIndex = -1;
        for (MediaDescription description : descriptions) {
            Media media = description.getMedia();
            List<String> formats = elements(media.getMediaFormats(false), String.class);
            streams.add(new OfferedStream(media.getMediaType(), media.getProtocol(),
                    formats.isEmpty() ? "0" : formats.getFirst()));
            if (audioIndex < 0 && "audio".equalsIgnoreCase(media.getMediaType()) && media.getMediaPort() != 0) {
                audioIndex = streams.size() - 1;
            }
        }
        if (audioIndex < 0) {
            return new Refused(304, streams.stream().anyMatch(s -> "audio".equalsIgnoreCase(s.mediaType()))
                    ? "the audio stream was offered with port 0"
                    : "no audio stream offered" + describeTypes(streams));
        }
        MediaDescription audio = descriptions.get(audioIndex);
        Media media = audio.getMedia();
        if (!"RTP/AVP".equalsIgnoreCase(media.getProtocol())) {
            return new Refused(302, "transport " + media.getProtocol() + " offered; Postbox takes RTP/AVP");
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
        Map<String, RtpMap> rtpMaps = rtpMaps(audio);
        List<String> formats = elements(media.getMediaFormats(false), String.class);
        for (String codec : codecs) {
            Optional<String> payloadType = formats.stream().filter(pt -> carries(pt, rtpMaps.get(pt), codec)).findFirst();
            if (payloadType.isPresent()) {
                boolean hold = address.get().isAnyLocalAddress();
                MediaOffer offer = new MediaOffer(new InetSocketAddress(address.get(), media.getMediaPort()),
                        codec.toUpperCase(Locale.ROOT), Integer.parseInt(payloadType.get()), CLOCK_RATE,
                        dtmfPayloadType(formats, rtpMaps), ptimeMs(audio, session), direction(audio, session, hold));
                return new Agreed(offer, streams, audioIndex);
            }
        }
        return new Refused(305, "no common codec: offered " + describeFormats(formats, rtpMaps)
                + "; Postbox takes " + String.join(", ", codecs));
    }

    private static boolean carries(String payloadType, RtpMap rtpMap, String codec) {
        if (rtpMap != null) {
            return rtpMap.encoding().equalsIgnoreCase(codec) && rtpMap.clockRate() == CLOCK_RATE;
        }
        Integer staticType = STATIC_PAYLOAD_TYPES.get(codec.toUpperCase(Locale.ROOT));
        return staticType != null && payloadType.equals(staticType.toString());
    }

    private static int dtmfPayloadType(List<String> formats, Map<String, RtpMap> rtpMaps) {
        for (String format : formats) {
            RtpMap rtpMap = rtpMaps.get(format);
            if (rtpMap != null && TELEPHONE_EVENT.equalsIgnoreCase(rtpMap.encoding())
                    && rtpMap.clockRate() == CLOCK_RATE) {
                return Integer.parseInt(format);
            }
        }
        return -1;
    }

    private static int ptimeMs(MediaDescription audio, SessionDescription session) throws SdpException {
        String ptime = attribute(audio.getAttributes(false), "ptime")
                .or(() -> attribute(session.getAttributes(false), "ptime")).orElse(null);
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
        for (Attribute attribute : elements(audio.getAttributes(false), Attribute.class)) {
            if ("rtpmap".equalsIgnoreCase(name(attribute))) {
                RtpMap.parse(value(attribute)).ifPresent(map -> maps.putIfAbsent(map.payloadType(), map));
            }
        }
        return maps;
    }

    private static Optional<String> attribute(Vector<?> attributes, String wanted) {
        return elements(attributes, Attribute.class).stream().filter(a -> wanted.equalsIgnoreCase(name(a)))
                .map(SdpNegotiator::value).findFirst();
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
        return STATIC_PAYLOAD_TYPES.entrySet().stream().filter(e -> e.getValue().toString().equals(payloadType))
                .map(Map.Entry::getKey).findFirst().orElse("payload type " + payloadType);
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

    /** One {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]} line. */
    private record RtpMap(String payloadType, String encoding, int clockRate) {
        static Optional<RtpMap> parse(String value) {
            String[] ptAndRest = value.trim().split("\\s+", 2);
            if (ptAndRest.length != 2) {
                return Optional.empty();
            }
            String[] parts = ptAndRest[1].split("/");
            try {
                return Optional.of(new RtpMap(ptAndRest[0], parts[0].trim(),
                        parts.length > 1 ? Integer.parseInt(parts[1].trim()) : CLOCK_RATE));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
