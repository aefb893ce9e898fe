package postbox.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.SipStack;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * JAIN-SIP message valve (runs before any transaction or dialog exists) that answers the requests
 * {@link ScreeningMessageParser} marked with a {@link Malformation}: a stateless 400 Bad Request with a Warning
 * saying what is wrong, sent back where the request came from (over TCP on its connection, which is then closed if
 * the stream can no longer be framed). Every other message passes. Runs on JAIN-SIP's transport threads; never
 * blocks beyond sending one response. Thread-safe.
 */
final class MalformedRequestValve implements SIPMessageValve {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestValve.class);

    private final OutgoingMessages messages;
    private final MalformedMessages counts;

    MalformedRequestValve(OutgoingMessages messages, MalformedMessages counts) {
        this.messages = messages;
        this.counts = counts;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (!(request.getApplicationData() instanceof Malformation malformation)) {
            return true;
        }
        counts.rejected();
        MDC.put("call", request.getCallId().getCallId());
        try {
            log.info("400 for a malformed {} from {}:{}: {}", request.getMethod(),
                    request.getPeerPacketSourceAddress().getHostAddress(), request.getPeerPacketSourcePort(),
                    malformation.reason());
            Response response = messages.withWarning(messages.response(Response.BAD_REQUEST, request,
                    HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())), 399, malformation.reason());
            if (channel.isReliable()) {
                channel.sendMessage((SIPMessage) response);
                if (malformation.closeConnection()) {
                    channel.close();
                }
            } else {
                channel.sendMessage((SIPMessage) response, request.getPeerPacketSourceAddress(),
                        request.getPeerPacketSourcePort());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not send the 400", e);
        } finally {
            MDC.remove("call");
        }
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    /** Built by the endpoint, not by the stack: nothing to initialise. */
    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
