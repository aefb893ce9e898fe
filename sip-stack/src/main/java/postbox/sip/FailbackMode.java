package postbox.sip;

/** When Postbox goes back to the primary PBX once it answers again while the trunk is on the backup. Immutable. */
public enum FailbackMode {
    /** At once: register at the primary (and un-REGISTER at the backup) as soon as it answers. */
    IMMEDIATE,
    /** As soon as no call is in progress on this endpoint (the default). */
    WHEN_IDLE
}
