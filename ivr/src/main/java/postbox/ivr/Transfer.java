package postbox.ivr;

/**
 * Hands a call to another number (the server does it over SIP, through the PBX the call came from). Implementations
 * block until it is known whether the transfer worked; they are called on the call's thread.
 */
@FunctionalInterface
public interface Transfer {

    /** For calls that cannot be transferred: every transfer fails. */
    Transfer NONE = number -> false;

    /** True when the caller is now with {@code number}; false when the transfer failed and the call goes on. */
    boolean to(String number);
}
