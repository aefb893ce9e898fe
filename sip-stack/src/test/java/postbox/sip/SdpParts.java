package postbox.sip;

import java.util.ArrayList;
import java.util.List;
import javax.sdp.Attribute;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/** Reads SDP in tests with {@code javax.sdp}, typed (its API hands out raw Vectors). */
final class SdpParts {

    private SdpParts() {
    }

    static SessionDescription parse(String sdp) throws SdpException {
        return SdpFactory.getInstance().createSessionDescription(sdp);
    }

    /** The first m-line. */
    static MediaDescription firstMedia(SessionDescription sdp) throws SdpException {
        return (MediaDescription) sdp.getMediaDescriptions(false).getFirst();
    }

    static List<String> formats(MediaDescription media) throws SdpException {
        List<String> formats = new ArrayList<>();
        for (Object format : media.getMedia().getMediaFormats(false)) {
            formats.add((String) format);
        }
        return formats;
    }

    static List<String> attributeNames(MediaDescription media) throws SdpException {
        List<String> names = new ArrayList<>();
        for (Object attribute : media.getAttributes(false)) {
            names.add(((Attribute) attribute).getName());
        }
        return names;
    }

    /** The media-level direction attribute, or "none". */
    static String direction(MediaDescription media) throws SdpException {
        return attributeNames(media).stream().filter(n -> n.matches("sendrecv|sendonly|recvonly|inactive"))
                .findFirst().orElse("none");
    }
}
