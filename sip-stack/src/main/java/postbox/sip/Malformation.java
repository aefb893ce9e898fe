package postbox.sip;

/**
 * Why a request that still had a usable Via is malformed: set by {@link ScreeningMessageParser} as the request's
 * JAIN-SIP application data, read by {@link MalformedRequestValve}, which answers 400. Immutable.
 *
 * @param reason          what is wrong, for the 400's Warning header and the log
 * @param closeConnection true when the stream can no longer be framed (a broken Content-Length over TCP)
 */
record Malformation(String reason, boolean closeConnection) {
}
