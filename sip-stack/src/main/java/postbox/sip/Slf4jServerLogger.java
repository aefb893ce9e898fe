package postbox.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message trace ({@code gov.nist.javax.sip.SERVER_LOGGER}) on SLF4J: every SIP message sent or
 * received, whole, at DEBUG on the logger {@code postbox.sip.wire}. JAIN-SIP creates one per stack by class name.
 * Thread-safe.
 */
public final class Slf4jServerLogger implements ServerLogger {

    private static final Logger wire = LoggerFactory.getLogger("postbox.sip.wire");
    private static final Logger log = LoggerFactory.getLogger(Slf4jServerLogger.class);

    /** Public and without arguments: JAIN-SIP instantiates it by class name. */
    public Slf4jServerLogger() {
    }

    /** True when SIP messages are being traced. */
    static boolean wireTraced() {
        return wire.isDebugEnabled();
    }

    /** Nothing to close: SLF4J owns the output. */
    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        trace(message, from, to, sender);
    }

    private static void trace(SIPMessage message, String from, String to, boolean sender) {
        if (wire.isDebugEnabled()) {
            wire.debug("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logException(Exception ex) {
        log.warn("JAIN-SIP reported an exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
