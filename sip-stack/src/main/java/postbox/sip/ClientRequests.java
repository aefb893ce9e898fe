package postbox.sip;

import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Postbox's own requests in client transactions whose outcome goes to an {@link AwaitedResponse}; a request
 * that cannot be sent is reported to it as a failure. Called on the endpoint's scheduler thread. Thread-safe.
 */
final class ClientRequests {

    private static final Logger log = LoggerFactory.getLogger(ClientRequests.class);

    private final SipProvider provider;

    ClientRequests(SipProvider provider) {
        this.provider = provider;
    }

    /** Sends an out-of-dialog request; empty when it could not be sent. */
    Optional<ClientTransaction> send(Request request, AwaitedResponse awaited) {
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(awaited);
            transaction.sendRequest();
            return Optional.of(transaction);
        } catch (SipException | RuntimeException e) {
            log.debug("could not send {}", request.getMethod(), e);
            awaited.onFailure("cannot send " + request.getMethod() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Sends a request built by {@code dialog}; empty when it could not be sent. */
    Optional<ClientTransaction> send(Dialog dialog, Request request, AwaitedResponse awaited) {
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(awaited);
            dialog.sendRequest(transaction);
            return Optional.of(transaction);
        } catch (SipException | RuntimeException e) {
            log.debug("could not send {} in its dialog", request.getMethod(), e);
            awaited.onFailure("cannot send " + request.getMethod() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Stops retransmitting a request whose outcome no longer matters. */
    static void abandon(ClientTransaction transaction) {
        try {
            transaction.terminate();
        } catch (SipException | RuntimeException e) {
            log.debug("could not terminate a {} transaction", transaction.getRequest().getMethod(), e);
        }
    }
}
