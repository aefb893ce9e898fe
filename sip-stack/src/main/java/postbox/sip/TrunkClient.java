package postbox.sip;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trunk on JAIN-SIP: carries out {@link TrunkState}'s actions (REGISTER with digest answers, OPTIONS pings,
 * un-REGISTER, MWI republish) and feeds it the responses, failures, standby / activation and a tick every
 * {@link #TICK}. All of it runs on the endpoint's scheduler thread; JAIN-SIP threads only hand responses over.
 * {@link #status()}, {@link #publish}, {@link #setActive} and {@link #close()} may be called from any thread.
 * Thread-safe.
 */
final class TrunkClient {

    /** How often timers are checked. */
    static final Duration TICK = Duration.ofMillis(100);
    /** How long {@link #close()} waits for the un-REGISTER's answer. */
    static final Duration UNREGISTER_WAIT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(TrunkClient.class);

    /** One PBX's registration binding: a stable Call-ID and From tag, the CSeq, and the nonce count. */
    private static final class Binding {
        final String callId = OutgoingRequests.newToken();
        final String fromTag = OutgoingRequests.newToken();
        long cseq;
        int challengeStatus;
        String lastNonce;
        int nonceCount;

        int nonceCount(String nonce) {
            nonceCount = nonce.equals(lastNonce) ? nonceCount + 1 : 1;
            lastNonce = nonce;
            return nonceCount;
        }
    }

    private final TrunkConfig config;
    private final TrunkState state;
    private final ScheduledExecutorService scheduler;
    private final ClientRequests client;
    private final OutgoingRequests requests;
    private final IntSupplier activeCalls;
    private final MessageWaitingNotifier notifier;
    private final Map<PbxAddress, Binding> bindings = new HashMap<>();
    private final Map<Long, ClientTransaction> inFlight = new HashMap<>();
    private volatile TrunkStatus status;
    private volatile ScheduledFuture<?> ticking;
    /** Activations so far: an un-REGISTER answers its challenge only if no activation came in between. */
    private long activations;

    /**
     * @param activeCalls the endpoint's calls in progress (for failback when idle)
     * @param active      false to start standby: nothing is sent until {@link #setActive activated}
     */
    TrunkClient(TrunkConfig config, InstantSource clock, ScheduledExecutorService scheduler, ClientRequests client,
                OutgoingRequests requests, IntSupplier activeCalls, boolean active) {
        this.config = config;
        this.state = new TrunkState(config, clock, active);
        this.scheduler = scheduler;
        this.client = client;
        this.requests = requests;
        this.activeCalls = activeCalls;
        this.notifier = new MessageWaitingNotifier(config, requests, client, scheduler,
                (pbx, reason) -> apply(state.onPbxFailed(pbx, reason)));
        this.status = state.status();
    }

    /** Sends the first REGISTER (unless standby) and starts the timers. */
    void start() {
        scheduler.execute(() -> apply(state.start()));
        ticking = scheduler.scheduleWithFixedDelay(() -> apply(state.tick(activeCalls.getAsInt())),
                TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    TrunkStatus status() {
        return status;
    }

    /** Remembers the counts and sends them to the PBX when registered. Thread-safe; returns at once. */
    void publish(String mailbox, MessageSummary summary) {
        notifier.remember(mailbox, summary);
        execute(() -> state.registeredAt().ifPresent(pbx -> notifier.send(pbx, mailbox)));
    }

    /**
     * Active: registers at once at the primary PBX (then the MWI state of every mailbox with messages goes to it);
     * standby: un-REGISTERs and stops registering and pinging. Thread-safe; returns at once; idempotent.
     */
    void setActive(boolean active) {
        execute(() -> {
            if (active) {
                activations++;
                apply(state.activate());
            } else {
                apply(state.standby());
            }
        });
    }

    /** JAIN-SIP reported a transport error towards host:port. Thread-safe. */
    void transportError(String host, int port) {
        execute(() -> {
            for (PbxAddress pbx : config.backup().map(b -> List.of(config.primary(), b))
                    .orElse(List.of(config.primary()))) {
                if (pbx.host().equalsIgnoreCase(host) && pbx.port() == port) {
                    apply(state.onPbxFailed(pbx, "transport error"));
                }
            }
        });
    }

    /** Stops the timers and un-REGISTERs, waiting at most {@link #UNREGISTER_WAIT} for the answer. Blocking. */
    void close() {
        CompletableFuture<Void> unregistered = new CompletableFuture<>();
        try {
            scheduler.execute(() -> {
                if (ticking != null) {
                    ticking.cancel(false);
                }
                List<TrunkAction> actions = state.close();
                status = state.status();
                Optional<PbxAddress> at = actions.stream().filter(TrunkAction.Unregister.class::isInstance)
                        .map(a -> ((TrunkAction.Unregister) a).pbx()).findFirst();
                actions.stream().filter(TrunkAction.Abandon.class::isInstance).forEach(this::perform);
                at.ifPresentOrElse(pbx -> unregister(pbx, unregistered), () -> unregistered.complete(null));
            });
            unregistered.get(UNREGISTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("no answer to the un-REGISTER within {} ms", UNREGISTER_WAIT.toMillis());
        } catch (ExecutionException | RejectedExecutionException e) {
            log.warn("could not un-REGISTER", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("the endpoint is closing: trunk work dropped");
        }
    }

    private void apply(List<TrunkAction> actions) {
        actions.forEach(this::perform);
        status = state.status();
    }

    private void perform(TrunkAction action) {
        switch (action) {
            case TrunkAction.Register register -> register(register);
            case TrunkAction.Ping ping -> ping(ping);
            case TrunkAction.Abandon abandon -> {
                ClientTransaction transaction = inFlight.remove(abandon.id());
                if (transaction != null) {
                    ClientRequests.abandon(transaction);
                }
            }
            case TrunkAction.Unregister unregister -> unregister(unregister.pbx(), new CompletableFuture<>());
            case TrunkAction.Republish republish -> notifier.republish(republish.pbx(), republish.everything());
        }
    }

    private void register(TrunkAction.Register register) {
        Binding binding = bindings.computeIfAbsent(register.pbx(), p -> new Binding());
        Request request = registerRequest(register.pbx(), binding, register.expires(), register.answering());
        long id = register.id();
        client.send(request, new AwaitedResponse() {
            @Override
            public void onResponse(Response response) {
                execute(() -> {
                    inFlight.remove(id);
                    binding.challengeStatus = response.getStatusCode();
                    apply(state.onRegisterResponse(id, response.getStatusCode(), granted(response),
                            minExpires(response), Challenges.of(response)));
                });
            }

            @Override
            public void onFailure(String reason) {
                execute(() -> {
                    inFlight.remove(id);
                    apply(state.onRequestFailed(id, reason));
                });
            }
        }).ifPresent(transaction -> inFlight.put(id, transaction));
    }

    private Request registerRequest(PbxAddress pbx, Binding binding, Duration expires,
                                    Optional<DigestChallenge> answering) {
        Request request = requests.register(pbx, config.user(), expires, binding.callId, binding.fromTag,
                ++binding.cseq);
        answering.ifPresent(challenge -> requests.withCredentials(request, binding.challengeStatus,
                DigestAuth.answer(challenge, config.user(), config.password(), Request.REGISTER,
                        request.getRequestURI().toString(), binding.nonceCount(challenge.nonce()),
                        OutgoingRequests.newToken())));
        return request;
    }

    private void ping(TrunkAction.Ping ping) {
        long id = ping.id();
        client.send(requests.options(ping.pbx(), config.user()), new AwaitedResponse() {
            @Override
            public void onResponse(Response response) {
                execute(() -> {
                    inFlight.remove(id);
                    apply(state.onPingAnswered(id));
                });
            }

            @Override
            public void onFailure(String reason) {
                execute(() -> {
                    inFlight.remove(id);
                    apply(state.onRequestFailed(id, reason));
                });
            }
        }).ifPresent(transaction -> inFlight.put(id, transaction));
    }

    /** REGISTER with Expires 0, answering one challenge; {@code done} completes on its final outcome. */
    private void unregister(PbxAddress pbx, CompletableFuture<Void> done) {
        Binding binding = bindings.computeIfAbsent(pbx, p -> new Binding());
        unregister(pbx, binding, Optional.empty(), activations, done);
    }

    /**
     * @param activation the activations when the un-REGISTER began: a challenge is not answered after a later one
     *                   (the answer would remove the binding the activation's REGISTER makes)
     */
    private void unregister(PbxAddress pbx, Binding binding, Optional<DigestChallenge> answering, long activation,
                            CompletableFuture<Void> done) {
        Request request = registerRequest(pbx, binding, Duration.ZERO, answering);
        client.send(request, new AwaitedResponse() {
            @Override
            public void onResponse(Response response) {
                int code = response.getStatusCode();
                Optional<DigestChallenge> challenge = DigestChallenge.preferred(Challenges.of(response));
                if ((code == 401 || code == 407) && answering.isEmpty() && challenge.isPresent()) {
                    execute(() -> {
                        if (activation == activations) {
                            binding.challengeStatus = code;
                            unregister(pbx, binding, challenge, activation, done);
                        } else {
                            log.info("the trunk is active again: the un-REGISTER at {} is dropped", pbx);
                            done.complete(null);
                        }
                    });
                    return;
                }
                log.info("un-REGISTER at {}: {} {}", pbx, code, response.getReasonPhrase());
                done.complete(null);
            }

            @Override
            public void onFailure(String reason) {
                log.info("un-REGISTER at {} failed: {}", pbx, reason);
                done.complete(null);
            }
        });
    }

    /** The expiry the PBX granted: our Contact's expires, else the first Contact's, else Expires. */
    private Optional<Duration> granted(Response response) {
        Optional<Duration> first = Optional.empty();
        ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            if (contact.getExpires() < 0) {
                continue;
            }
            Duration expires = Duration.ofSeconds(contact.getExpires());
            if (contact.getAddress().getURI() instanceof SipURI uri && config.user().equals(uri.getUser())
                    && requests.local(uri)) {
                return Optional.of(expires);
            }
            first = first.or(() -> Optional.of(expires));
        }
        ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
        return first.or(() -> Optional.ofNullable(expires).map(e -> Duration.ofSeconds(e.getExpires())));
    }

    private static Optional<Duration> minExpires(Response response) {
        MinExpiresHeader min = (MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME);
        return Optional.ofNullable(min).map(m -> Duration.ofSeconds(m.getExpires()));
    }
}
