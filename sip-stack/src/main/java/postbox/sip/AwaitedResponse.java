package postbox.sip;

import javax.sip.message.Response;

/**
 * What to do with the outcome of a request Postbox sent: attached to its client transaction as application data
 * by {@link ClientRequests}, called by the {@link UserAgentServer} on a JAIN-SIP thread. Implementations must
 * return at once (they hand the work to the endpoint's scheduler thread).
 */
interface AwaitedResponse {

    /** A final response (provisional ones are not passed on). */
    void onResponse(Response response);

    /** The transaction failed: timeout, transport error, or the request could not be sent. */
    void onFailure(String reason);
}
