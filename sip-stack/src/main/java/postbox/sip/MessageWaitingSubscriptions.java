package postbox.sip;

import java.time.Duration;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves message-summary subscriptions (RFC 3842 over RFC 6665): SUBSCRIBE for {@code sip:MAILBOX@...} gets 404
 * for an unknown mailbox, 489 for another event package, 406 when the subscriber does not accept
 * {@code application/simple-message-summary}, else 200 with Expires (at most {@link #MAX_EXPIRES}) and an immediate
 * NOTIFY; each {@link #publish} NOTIFYs the mailbox's live subscriptions; at expiry (or on {@code Expires: 0}) a
 * final {@code terminated;reason=timeout} NOTIFY ends the dialog; when the endpoint goes standby, every live
 * subscription ends with {@code terminated;reason=deactivated} (RFC 6665: the subscriber subscribes anew, and a
 * standby endpoint answers that with 503). Requests are answered on JAIN-SIP's threads;
 * NOTIFYs and timers run on the endpoint's scheduler thread. Thread-safe.
 */
final class MessageWaitingSubscriptions {

    /** The longest subscription granted, and the one granted when the SUBSCRIBE asks for none. */
    static final Duration MAX_EXPIRES = Duration.ofSeconds(3600);

    private static final Logger log = LoggerFactory.getLogger(MessageWaitingSubscriptions.class);

    /** One live subscription; its expiry is guarded by the instance's lock. */
    private static final class Subscription {
        final Dialog dialog;
        final String mailbox;
        final String account;
        final Transport transport;
        long expiresAtNanos;
        ScheduledFuture<?> expiry;

        Subscription(Dialog dialog, String mailbox, String account, Transport transport) {
            this.dialog = dialog;
            this.mailbox = mailbox;
            this.account = account;
            this.transport = transport;
        }

        synchronized long secondsLeft() {
            return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(expiresAtNanos - System.nanoTime()));
        }
    }

    private final MessageSummaries summaries;
    private final OutgoingMessages messages;
    private final OutgoingRequests requests;
    private final ClientRequests client;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Subscription> live = new ConcurrentHashMap<>();

    MessageWaitingSubscriptions(MessageSummaries summaries, OutgoingMessages messages, OutgoingRequests requests,
                                ClientRequests client, ScheduledExecutorService scheduler) {
        this.summaries = summaries;
        this.messages = messages;
        this.requests = requests;
        this.client = client;
        this.scheduler = scheduler;
    }

    /** A SUBSCRIBE (new or in-dialog refresh), on a JAIN-SIP thread: answers it at once. */
    void onSubscribe(ServerTransaction transaction, Request subscribe, Transport transport, String localTag) {
        EventHeader event = (EventHeader) subscribe.getHeader(EventHeader.NAME);
        if (event == null || !OutgoingRequests.MESSAGE_SUMMARY.equalsIgnoreCase(event.getEventType())) {
            log.info("SUBSCRIBE for event '{}': 489", event == null ? "" : event.getEventType());
            respond(transaction, messages.withAllowEvents(messages.response(Response.BAD_EVENT, subscribe, localTag),
                    OutgoingRequests.MESSAGE_SUMMARY));
            return;
        }
        if (!acceptsSummary(subscribe)) {
            respond(transaction, messages.response(Response.NOT_ACCEPTABLE, subscribe, localTag));
            return;
        }
        Duration expires = granted((ExpiresHeader) subscribe.getHeader(ExpiresHeader.NAME));
        boolean inDialog = ((ToHeader) subscribe.getHeader(ToHeader.NAME)).getTag() != null;
        if (inDialog) {
            refresh(transaction, subscribe, expires);
        } else {
            subscribe(transaction, subscribe, transport, expires, localTag);
        }
    }

    /** NOTIFYs every live subscription to the mailbox. Thread-safe; returns at once. */
    void publish(String mailbox, MessageSummary summary) {
        execute(() -> live.values().stream().filter(s -> s.mailbox.equals(mailbox))
                .forEach(s -> notify(s, "active;expires=" + s.secondsLeft(), summary, false)));
    }

    /**
     * The endpoint goes standby: every live subscription ends with a final
     * {@code terminated;reason=deactivated} NOTIFY (its counts may soon be another node's to tell). Thread-safe;
     * returns at once (the NOTIFYs go out on the scheduler thread).
     */
    void deactivate() {
        execute(() -> live.values().forEach(subscription -> {
            if (live.remove(subscription.dialog.getDialogId(), subscription)) {
                log.info("message-summary subscription to {} ends: standby", subscription.mailbox);
                notify(subscription, "terminated;reason=deactivated", current(subscription), true);
            }
        }));
    }

    /** Subscriptions alive now. */
    int count() {
        return live.size();
    }

    /** The endpoint closes: timers stop (subscribers see their subscriptions run out). */
    void close() {
        live.values().forEach(s -> {
            synchronized (s) {
                if (s.expiry != null) {
                    s.expiry.cancel(false);
                }
            }
        });
        live.clear();
    }

    private void subscribe(ServerTransaction transaction, Request subscribe, Transport transport, Duration expires,
                           String localTag) {
        String mailbox = subscribe.getRequestURI() instanceof SipURI uri && uri.getUser() != null ? uri.getUser() : "";
        Optional<MessageSummary> summary = summaries.lookup(mailbox);
        if (summary.isEmpty()) {
            log.info("SUBSCRIBE for unknown mailbox '{}': 404", mailbox);
            respond(transaction, messages.response(Response.NOT_FOUND, subscribe, localTag));
            return;
        }
        String account = "sip:" + mailbox + "@" + ((SipURI) subscribe.getRequestURI()).getHost();
        if (!respond(transaction, ok(subscribe, transport, expires, localTag))) {
            return;
        }
        Dialog dialog = transaction.getDialog();
        Subscription subscription = new Subscription(dialog, mailbox, account, transport);
        log.info("message-summary subscription to {} for {} s", mailbox, expires.toSeconds());
        if (expires.isZero()) {
            execute(() -> notify(subscription, "terminated;reason=timeout", current(subscription), true));
            return;
        }
        live.put(dialog.getDialogId(), subscription);
        renew(subscription, expires);
        execute(() -> notify(subscription, "active;expires=" + subscription.secondsLeft(), current(subscription),
                false));
    }

    private void refresh(ServerTransaction transaction, Request subscribe, Duration expires) {
        Dialog dialog = transaction.getDialog();
        Subscription subscription = dialog == null ? null : live.get(dialog.getDialogId());
        if (subscription == null) {
            respond(transaction, messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, subscribe, null));
            return;
        }
        respond(transaction, ok(subscribe, subscription.transport, expires, null));
        if (expires.isZero()) {
            execute(() -> end(subscription));
        } else {
            renew(subscription, expires);
            execute(() -> notify(subscription, "active;expires=" + subscription.secondsLeft(),
                    current(subscription), false));
        }
    }

    private void renew(Subscription subscription, Duration expires) {
        synchronized (subscription) {
            if (subscription.expiry != null) {
                subscription.expiry.cancel(false);
            }
            subscription.expiresAtNanos = System.nanoTime() + expires.toNanos();
            try {
                subscription.expiry = scheduler.schedule(() -> end(subscription), expires.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.debug("the endpoint is closing: no expiry timer");
            }
        }
    }

    /** The subscription runs out: final NOTIFY, then the dialog goes. Scheduler thread. */
    private void end(Subscription subscription) {
        if (live.remove(subscription.dialog.getDialogId(), subscription)) {
            log.info("message-summary subscription to {} ends", subscription.mailbox);
            notify(subscription, "terminated;reason=timeout", current(subscription), true);
        }
    }

    private MessageSummary current(Subscription subscription) {
        return summaries.lookup(subscription.mailbox).orElse(new MessageSummary(0, 0));
    }

    /** Scheduler thread. */
    private void notify(Subscription subscription, String state, MessageSummary summary, boolean last) {
        Request notify;
        try {
            notify = requests.notify(subscription.dialog, subscription.transport, state, summary,
                    subscription.account);
        } catch (SipException | RuntimeException e) {
            log.warn("cannot NOTIFY the subscription to {}: it ends", subscription.mailbox, e);
            forget(subscription);
            return;
        }
        client.send(subscription.dialog, notify, new AwaitedResponse() {
            @Override
            public void onResponse(Response response) {
                int status = response.getStatusCode();
                if (last || status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status >= 400) {
                    if (status >= 300) {
                        log.info("NOTIFY for {} answered {}: the subscription ends", subscription.mailbox, status);
                    }
                    execute(() -> forget(subscription));
                }
            }

            @Override
            public void onFailure(String reason) {
                log.info("NOTIFY for {} failed ({}): the subscription ends", subscription.mailbox, reason);
                execute(() -> forget(subscription));
            }
        });
    }

    private void forget(Subscription subscription) {
        live.remove(subscription.dialog.getDialogId(), subscription);
        synchronized (subscription) {
            if (subscription.expiry != null) {
                subscription.expiry.cancel(false);
            }
        }
        subscription.dialog.delete();
    }

    private Response ok(Request subscribe, Transport transport, Duration expires, String localTag) {
        try {
            Response ok = messages.withContact(messages.response(Response.OK, subscribe, localTag), transport);
            return messages.withExpires(ok, (int) expires.toSeconds());
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration granted(ExpiresHeader requested) {
        if (requested == null) {
            return MAX_EXPIRES;
        }
        Duration asked = Duration.ofSeconds(requested.getExpires());
        return asked.compareTo(MAX_EXPIRES) > 0 ? MAX_EXPIRES : asked;
    }

    /** No Accept, or one that admits application/simple-message-summary. */
    private static boolean acceptsSummary(Request subscribe) {
        ListIterator<?> accepts = subscribe.getHeaders(AcceptHeader.NAME);
        if (accepts == null || !accepts.hasNext()) {
            return true;
        }
        while (accepts.hasNext()) {
            AcceptHeader accept = (AcceptHeader) accepts.next();
            String type = accept.getContentType() == null ? "*" : accept.getContentType();
            String subType = accept.getContentSubType() == null ? "*" : accept.getContentSubType();
            if ((type.equals("*") || type.equalsIgnoreCase("application"))
                    && List.of("*", "simple-message-summary").contains(subType.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("the endpoint is closing: subscription work dropped");
        }
    }

    private static boolean respond(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
            return true;
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("could not send {} {}", response.getStatusCode(), response.getReasonPhrase(), e);
            return false;
        }
    }
}
