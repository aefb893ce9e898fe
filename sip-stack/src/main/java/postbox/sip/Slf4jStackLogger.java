package postbox.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's internal logger ({@code gov.nist.javax.sip.STACK_LOGGER}) on SLF4J, so that the stack needs no
 * log4j. Everything goes to the logger {@code gov.nist.javax.sip}: the stack's errors and warnings at ERROR and
 * WARN, its chatty "info" lines (and its start-up notices about TLS, which Postbox does not use) at DEBUG and its debug lines
 * at TRACE. The stack keeps one instance for the whole
 * JVM (a static in {@code gov.nist.core.CommonLogger}), so this class holds no per-stack state. Thread-safe.
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final Pattern TLS_NOTICE = Pattern.compile("(?i)\\btls\\b|keystore|truststore");

    /** Public and without arguments: JAIN-SIP instantiates it by class name. */
    public Slf4jStackLogger() {
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (isLoggingEnabled(traceLevel)) {
            log.trace("stack trace requested by JAIN-SIP", new Throwable("stack trace"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        log.error("JAIN-SIP exception", ex);
    }

    @Override
    public void logDebug(String message) {
        log.trace(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log.trace(message, ex);
    }

    @Override
    public void logTrace(String message) {
        log.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message) {
        log.error(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isErrorEnabled();
    }

    /**
     * Maps JAIN-SIP's levels onto SLF4J's. The stack only hands messages to its server logger when INFO
     * ({@code TRACE_MESSAGES}) is enabled, so INFO also counts as enabled while {@code postbox.sip.wire} traces.
     */
    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel >= TRACE_DEBUG) {
            return log.isTraceEnabled();
        }
        if (logLevel >= TRACE_INFO) {
            return log.isDebugEnabled() || Slf4jServerLogger.wireTraced();
        }
        if (logLevel >= TRACE_WARN) {
            return log.isWarnEnabled();
        }
        return logLevel > TRACE_NONE && log.isErrorEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        log.error(message, ex);
    }

    /** Warnings, except the start-up notices about TLS settings: Postbox does not listen on TLS. */
    @Override
    public void logWarning(String message) {
        if (message != null && TLS_NOTICE.matcher(message).find()) {
            log.debug(message);
        } else {
            log.warn(message);
        }
    }

    @Override
    public void logInfo(String message) {
        log.debug(message);
    }

    /** Levels come from the SLF4J configuration, not from the stack. */
    @Override
    public void disableLogging() {
    }

    /** Levels come from the SLF4J configuration, not from the stack. */
    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        log.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
