package postbox.sip;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings peer nodes: an out-of-dialog OPTIONS whose outcome is "alive" on any final response (a standby peer's 503
 * included) and "not alive" on a transport error or when no final response comes within the timeout (the request
 * is then abandoned). Requests are sent and timed on the endpoint's scheduler thread; results are completed on a
 * virtual thread, so that the caller's dependent stages never run on JAIN-SIP's or the scheduler's thread.
 * Thread-safe.
 */
final class PeerProbe {

    private static final Logger log = LoggerFactory.getLogger(PeerProbe.class);
    private static final Executor COMPLETION = runnable -> Thread.ofVirtual().name("postbox-sip-ping").start(runnable);

    private final ScheduledExecutorService scheduler;
    private final ClientRequests client;
    private final OutgoingRequests requests;

    PeerProbe(ScheduledExecutorService scheduler, ClientRequests client, OutgoingRequests requests) {
        this.scheduler = scheduler;
        this.client = client;
        this.requests = requests;
    }

    /** True when {@code peer} answers an OPTIONS within {@code timeout}. Returns at once. */
    CompletableFuture<Boolean> ping(InetSocketAddress peer, Transport transport, Duration timeout) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        try {
            scheduler.execute(() -> send(peer, transport, timeout, outcome));
        } catch (RejectedExecutionException e) {
            log.debug("the endpoint is closing: no ping to {}", peer);
            outcome.complete(false);
        }
        return outcome.thenApplyAsync(alive -> alive, COMPLETION);
    }

    /** Scheduler thread. */
    private void send(InetSocketAddress peer, Transport transport, Duration timeout,
                      CompletableFuture<Boolean> outcome) {
        client.send(requests.options(peer, transport), new AwaitedResponse() {
            @Override
            public void onResponse(Response response) {
                log.debug("ping of {} answered {}", peer, response.getStatusCode());
                outcome.complete(true);
            }

            @Override
            public void onFailure(String reason) {
                log.debug("ping of {} failed: {}", peer, reason);
                outcome.complete(false);
            }
        }).ifPresent(transaction -> {
            try {
                ScheduledFuture<?> timer = scheduler.schedule(() -> {
                    if (outcome.complete(false)) {
                        log.debug("ping of {} unanswered within {} ms", peer, timeout.toMillis());
                        ClientRequests.abandon(transaction);
                    }
                }, timeout.toNanos(), TimeUnit.NANOSECONDS);
                outcome.whenComplete((alive, failure) -> timer.cancel(false));
            } catch (RejectedExecutionException e) {
                outcome.complete(false);
            }
        });
    }
}
