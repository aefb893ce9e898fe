package postbox.sip;

/** What happens to a new INVITE (or SUBSCRIBE) from an address Postbox does not trust. Immutable. */
public enum Untrusted {
    /** Let it in (as not trusted: {@link IncomingCall#trustedSource()} is false). */
    ACCEPT,
    /** 407 with a digest challenge; it gets in when re-sent with the policy's credentials, else 403. */
    CHALLENGE,
    /** 403 Forbidden. */
    REFUSE
}
