package postbox.sip;

/** Where the trunk's registration at the PBX in use stands. Immutable. */
public enum RegistrationState {
    /** No trunk is configured. */
    NOT_CONFIGURED,
    /** A REGISTER is on its way (first one, or at a new PBX after a switch). */
    REGISTERING,
    /** Registered; refreshed before {@link TrunkStatus#registeredUntil()}. */
    REGISTERED,
    /** The last REGISTER failed (or the PBX was lost): trying again after a capped backoff. */
    RETRYING,
    /** The PBX refused the account (403): no more REGISTERs until restart (or activation after standby). */
    FORBIDDEN,
    /**
     * The endpoint is standby ({@link SipEndpoint#setActive(boolean) inactive}, e.g. a backup node while its
     * primary is alive): un-registered, no REGISTER, ping or MWI NOTIFY goes to the PBXs until it is activated.
     */
    STANDBY,
    /** Un-registered on shutdown. */
    UNREGISTERED
}
