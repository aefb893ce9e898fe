package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The ITs' call handler: records every call and its {@link CallControl}, answers as the test says, and records what
 * the accepted calls' listeners hear as events ("established", "media SENDONLY PCMU", "ended REMOTE_BYE").
 * Thread-safe.
 */
final class RecordingHandler implements CallHandler {

    /** Where accepted calls "receive RTP" (nothing is sent there: only the SDP names it). */
    static final InetSocketAddress LOCAL_MEDIA = new InetSocketAddress("127.0.0.1", 40000);

    private final BlockingQueue<IncomingCall> calls = new LinkedBlockingQueue<>();
    private final BlockingQueue<CallControl> controls = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<MediaOffer> changes = new LinkedBlockingQueue<>();
    private volatile BiFunction<IncomingCall, CallControl, Answer> answer = (call, control) -> accept();

    /** Answers every call from now on with this. */
    void answerWith(BiFunction<IncomingCall, CallControl, Answer> answer) {
        this.answer = answer;
    }

    Answer accept() {
        return new Answer.Accept(LOCAL_MEDIA, new CallListener() {
            @Override
            public void onEstablished() {
                events.add("established");
            }

            @Override
            public void onMediaChanged(MediaOffer media) {
                changes.add(media);
                events.add("media " + media.direction() + " " + media.codec() + " " + media.remote().getPort());
            }

            @Override
            public void onEnded(EndReason reason) {
                events.add("ended " + reason);
            }
        });
    }

    @Override
    public Answer onInvite(IncomingCall call, CallControl control) {
        calls.add(call);
        controls.add(control);
        return answer.apply(call, control);
    }

    IncomingCall nextCall() {
        return take(calls, "a call reaching the handler");
    }

    CallControl nextControl() {
        return take(controls, "a call's control");
    }

    String nextEvent() {
        return take(events, "a call listener event");
    }

    /** The media of the next {@code onMediaChanged} (its event is in {@link #nextEvent()} too). */
    MediaOffer nextMediaChange() {
        return take(changes, "a media change");
    }

    /** The next event if one arrives within the window, else null (to check that no more come). */
    String eventWithin(Duration window) throws InterruptedException {
        return events.poll(window.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when no call reached the handler (calls refused by the stack itself). */
    boolean noCall() {
        return calls.isEmpty();
    }

    private static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T next = queue.poll(RawUac.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(next).as("waiting for %s", what).isNotNull();
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1 (SIP needs the same one for both). */
    static int freePort() {
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            for (int attempt = 0; attempt < 20; attempt++) {
                try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
                     DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()))) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // the UDP side of that port is in use: try another
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }

    static SipConfig config(int port) {
        return new SipConfig("127.0.0.1", port, List.of("PCMU", "PCMA"), "Postbox-test/1.0");
    }

    static SipConfig config(int port, List<String> codecs, boolean srtp) {
        return new SipConfig("127.0.0.1", port, codecs, "Postbox-test/1.0", srtp);
    }
}
