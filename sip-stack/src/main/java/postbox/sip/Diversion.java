package postbox.sip;

/**
 * The originally called party named by a {@code Diversion} (RFC 5806) or {@code History-Info} (RFC 7044)
 * header: the mailbox a Leave call is for. Immutable.
 *
 * @param user   the diverting party's user part (the mailbox number)
 * @param reason why the call was diverted
 */
public record Diversion(String user, DivertReason reason) {
}
