package postbox.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The messages of every mailbox. Thread-safe. An implementation recovers interrupted deposits when it opens.
 *
 * <p>Every method taking a mailbox id throws {@link IllegalArgumentException} when it is not a valid
 * {@link MailboxId}; a message id that is not stored throws {@link java.util.NoSuchElementException} where a
 * message is required ({@link #openAudio}, {@link #setState}, {@link #remove}).
 */
public interface MessageStore {

    /** Starts recording a message (see {@link Deposit}). */
    Deposit begin(DepositInfo info) throws IOException;

    /**
     * Files a whole message from elsewhere (another node, an import) under its given id. Idempotent: a
     * message whose id is already stored is not stored again; the stored one is returned.
     *
     * @param wav the audio as a WAV stream, 8 kHz mono 16-bit
     */
    MessageInfo put(MessageInfo info, InputStream wav) throws IOException;

    /** The mailbox's messages in every state, oldest first. */
    List<MessageInfo> list(String mailbox);

    /** One message. */
    Optional<MessageInfo> find(String mailbox, String id);

    /** The message's audio as a WAV stream. */
    InputStream openAudio(String mailbox, String id) throws IOException;

    /** Moves a message to another state; returns it as it is now. */
    MessageInfo setState(String mailbox, String id, MessageState state) throws IOException;

    /**
     * Removes a message for good, audio and all (after it was handed over to another node; housekeeping later),
     * telling the {@link CountsListener}s. Throws {@link java.util.NoSuchElementException} for an unknown message.
     */
    void remove(String mailbox, String id) throws IOException;

    /** The mailboxes holding at least one message (in any state), by id. */
    List<String> mailboxes();

    /** Counts by state (deleted ones are not counted). */
    MessageCounts counts(String mailbox);

    /** Adds a listener told of every change of a mailbox's counts from now on (not of recoveries at open). */
    void addListener(CountsListener listener);
}
