package postbox.sip;

/** Why the PBX sent the call on: chooses the busy / no-answer greeting. Immutable. */
public enum DivertReason {
    BUSY, NO_ANSWER, UNCONDITIONAL, UNKNOWN
}
