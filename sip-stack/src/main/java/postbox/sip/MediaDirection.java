package postbox.sip;

/** An SDP direction attribute, as the remote party stated it (RFC 3264 section 6.1). Immutable. */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** True when the remote party will send media to us. */
    public boolean remoteSends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** True when the remote party wants media from us. */
    public boolean remoteReceives() {
        return this == SENDRECV || this == RECVONLY;
    }
}
