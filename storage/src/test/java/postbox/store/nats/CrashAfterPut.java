package postbox.store.nats;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import postbox.store.CountsListener;
import postbox.store.Deposit;
import postbox.store.DepositInfo;
import postbox.store.MessageCounts;
import postbox.store.MessageInfo;
import postbox.store.MessageState;
import postbox.store.MessageStore;

/**
 * A message store that files every put and then fails, as if the process died right after the message became
 * durable and before anything else happened (tests only).
 */
final class CrashAfterPut implements MessageStore {

    private final MessageStore store;
    final CountDownLatch filed = new CountDownLatch(1);

    CrashAfterPut(MessageStore store) {
        this.store = store;
    }

    @Override
    public MessageInfo put(MessageInfo info, InputStream wav) throws IOException {
        store.put(info, wav);
        filed.countDown();
        throw new IllegalStateException("crashed after filing " + info.id());
    }

    @Override
    public Deposit begin(DepositInfo info) throws IOException {
        return store.begin(info);
    }

    @Override
    public List<MessageInfo> list(String mailbox) {
        return store.list(mailbox);
    }

    @Override
    public Optional<MessageInfo> find(String mailbox, String id) {
        return store.find(mailbox, id);
    }

    @Override
    public InputStream openAudio(String mailbox, String id) throws IOException {
        return store.openAudio(mailbox, id);
    }

    @Override
    public MessageInfo setState(String mailbox, String id, MessageState state) throws IOException {
        return store.setState(mailbox, id, state);
    }

    @Override
    public void remove(String mailbox, String id) throws IOException {
        store.remove(mailbox, id);
    }

    @Override
    public List<String> mailboxes() {
        return store.mailboxes();
    }

    @Override
    public MessageCounts counts(String mailbox) {
        return store.counts(mailbox);
    }

    @Override
    public void addListener(CountsListener listener) {
        store.addListener(listener);
    }
}
