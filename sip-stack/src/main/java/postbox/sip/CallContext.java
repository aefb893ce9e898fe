package postbox.sip;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sip.SipProvider;

/**
 * What every {@link SipCall} of one endpoint shares. Immutable; its parts are thread-safe.
 *
 * @param provider the JAIN-SIP provider (UDP and TCP listening points) that sends
 * @param messages builds responses and requests with Postbox's headers
 * @param config   the endpoint's configuration (host, codecs)
 * @param control  runs {@link CallControl#hangup()} work off the caller's thread (the endpoint's scheduler)
 * @param finished told once when a call is over, to forget it
 */
record CallContext(SipProvider provider, OutgoingMessages messages, SipConfig config, Executor control,
                   Consumer<SipCall> finished) {
}
