package postbox.ivr.voicemail;

import static postbox.ivr.voicemail.VoicemailPhrase.FORWARD_TO_MAILBOX;
import static postbox.ivr.voicemail.VoicemailPhrase.MESSAGE_FORWARDED;
import static postbox.ivr.voicemail.VoicemailPhrase.NO_SUCH_MAILBOX;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import postbox.ivr.Call;
import postbox.store.Deposit;
import postbox.store.DepositInfo;
import postbox.store.MessageInfo;

/**
 * Key {@code 1} on a message (SPEC section 4): asks for a mailbox number and leaves a copy of the message there, as a
 * new message from the forwarding mailbox (its lamp goes on like for any deposit). An unknown mailbox is said so
 * and asked for again (the menu's attempts). Blocking, on the call's thread.
 */
final class MessageForwarding {

    private static final Logger log = LoggerFactory.getLogger(MessageForwarding.class);
    private static final int CHUNK_BYTES = 16 * 1024;

    private final Voicemail voicemail;
    private final String mailbox;

    MessageForwarding(Voicemail voicemail, String mailbox) {
        this.voicemail = voicemail;
        this.mailbox = mailbox;
    }

    /** Asks where to and forwards {@code message}; the copy, or empty when the caller gave no valid mailbox. */
    Optional<MessageInfo> run(Call call, MessageInfo message) throws IOException {
        for (int tries = 0; tries < voicemail.settings().menuAttempts(); tries++) {
            // "to forward this message, enter the mailbox number, followed by hash."
            Optional<String> target = voicemail.entry(FORWARD_TO_MAILBOX).ask(call);
            if (target.isEmpty()) {
                continue;
            }
            if (voicemail.mailboxes().find(target.get()).isEmpty()) {
                // "there is no such mailbox."
                call.discardKeys();
                call.play(NO_SUCH_MAILBOX.prompt());
                continue;
            }
            MessageInfo copy = copy(message, target.get());
            log.info("mailbox {}: message {} forwarded to mailbox {} as {}", mailbox, message.id(), target.get(),
                    copy.id());
            // "message forwarded."
            call.play(MESSAGE_FORWARDED.prompt());
            return Optional.of(copy);
        }
        return Optional.empty();
    }

    /** Leaves the audio of {@code message} in {@code target} as a new message from this mailbox. */
    private MessageInfo copy(MessageInfo message, String target) throws IOException {
        DepositInfo info = new DepositInfo(target, mailbox, voicemail.settings().clock().instant());
        try (InputStream stored = voicemail.messages().openAudio(mailbox, message.id());
             AudioInputStream pcm = AudioSystem.getAudioInputStream(new BufferedInputStream(stored));
             Deposit deposit = voicemail.messages().begin(info)) {
            byte[] bytes = new byte[CHUNK_BYTES];
            short[] samples = new short[CHUNK_BYTES / 2];
            int read;
            while ((read = pcm.readNBytes(bytes, 0, bytes.length)) > 1) {
                int count = read / 2;
                ByteBuffer.wrap(bytes, 0, count * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples, 0, count);
                deposit.write(samples, 0, count);
            }
            return deposit.commit(deposit.samples());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("message " + message.id() + " of mailbox " + mailbox + " is not a readable WAV", e);
        }
    }
}
