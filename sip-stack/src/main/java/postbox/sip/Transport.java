package postbox.sip;

/** SIP transports Postbox listens on. Immutable. */
public enum Transport {
    UDP, TCP;

    /** The lower-case name JAIN-SIP and Via headers use. */
    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
