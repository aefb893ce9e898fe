package postbox.sip;

/**
 * One end of a call as named in a SIP header. Immutable.
 *
 * @param user        the URI user part ({@code 201}, {@code *17}); empty when the URI has none
 * @param displayName the display name, empty when absent
 * @param uri         the whole URI as received
 */
public record Party(String user, String displayName, String uri) {
    public Party {
        user = user == null ? "" : user;
        displayName = displayName == null ? "" : displayName;
        uri = uri == null ? "" : uri;
    }
}
