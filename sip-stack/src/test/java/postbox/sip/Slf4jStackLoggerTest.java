package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import gov.nist.core.LogLevels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class Slf4jStackLoggerTest {

    private final Logger stackLog = (Logger) LoggerFactory.getLogger("gov.nist.javax.sip");
    private final Logger wireLog = (Logger) LoggerFactory.getLogger("postbox.sip.wire");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level stackLevel;
    private Level wireLevel;
    private final Slf4jStackLogger logger = new Slf4jStackLogger();

    @BeforeEach
    void capture() {
        stackLevel = stackLog.getLevel();
        wireLevel = wireLog.getLevel();
        appender.start();
        stackLog.addAppender(appender);
    }

    @AfterEach
    void restore() {
        stackLog.detachAppender(appender);
        stackLog.setLevel(stackLevel);
        wireLog.setLevel(wireLevel);
    }

    @Test
    void jainSipLevelsFollowTheSlf4jConfiguration() {
        stackLog.setLevel(Level.WARN);
        wireLog.setLevel(Level.INFO);

        assertThat(logger.isLoggingEnabled(LogLevels.TRACE_ERROR)).isTrue();
        assertThat(logger.isLoggingEnabled(LogLevels.TRACE_WARN)).isTrue();
        assertThat(logger.isLoggingEnabled(LogLevels.TRACE_INFO)).isFalse();
        assertThat(logger.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
        assertThat(logger.isLoggingEnabled(LogLevels.TRACE_NONE)).isFalse();

        stackLog.setLevel(Level.TRACE);
        assertThat(logger.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isTrue();
    }

    @Test
    void messageTracesNeedTheStacksInfoLevelSoTheWireLoggerTurnsItOn() {
        stackLog.setLevel(Level.WARN);
        wireLog.setLevel(Level.DEBUG);

        assertThat(logger.isLoggingEnabled(LogLevels.TRACE_MESSAGES)).isTrue();
    }

    @Test
    void warningsStayWarningsButTheTlsStartupNoticesGoToDebug() {
        stackLog.setLevel(Level.DEBUG);

        logger.logWarning("Dropping message: bad Via");
        logger.logWarning("TLS server settings will be inactive - TLS key store will use JVM defaults");
        logger.logInfo("Setting SIPMessage peerPacketSource");

        assertThat(appender.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.WARN, Level.DEBUG, Level.DEBUG);
    }
}
