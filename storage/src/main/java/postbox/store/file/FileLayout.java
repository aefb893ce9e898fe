package postbox.store.file;

import java.nio.file.Path;
import postbox.store.GreetingKind;
import postbox.store.MailboxId;

/**
 * Where each file lives under a data root; the three file stores can share one root:
 * <pre>
 * root/incoming/&lt;id&gt;.wav + &lt;id&gt;.json                deposits being recorded
 * root/mailboxes/&lt;mailbox&gt;/mailbox.json                 settings, PIN hashes, lockout
 * root/mailboxes/&lt;mailbox&gt;/messages/&lt;id&gt;.wav + .json    messages (exists iff the .json does)
 * root/mailboxes/&lt;mailbox&gt;/greetings/&lt;kind&gt;.wav         greetings and recorded name
 * root/settings/call-flow.json                           call-flow settings an admin set
 * </pre>
 * Mailbox ids are checked with {@link MailboxId} and message ids with {@link MessageIds} before a path is
 * built from them. Immutable; thread-safe.
 *
 * @param root the data root (absolute)
 */
record FileLayout(Path root) {

    static final String WAV = ".wav";
    static final String JSON = ".json";

    FileLayout {
        root = root.toAbsolutePath().normalize();
    }

    Path incoming() {
        return root.resolve("incoming");
    }

    Path mailboxes() {
        return root.resolve("mailboxes");
    }

    Path mailbox(String mailbox) {
        return mailboxes().resolve(MailboxId.check(mailbox));
    }

    Path mailboxFile(String mailbox) {
        return mailbox(mailbox).resolve("mailbox.json");
    }

    Path messages(String mailbox) {
        return mailbox(mailbox).resolve("messages");
    }

    Path message(String mailbox, String id, String extension) {
        return messages(mailbox).resolve(MessageIds.check(id) + extension);
    }

    Path incoming(String id, String extension) {
        return incoming().resolve(MessageIds.check(id) + extension);
    }

    Path greetings(String mailbox) {
        return mailbox(mailbox).resolve("greetings");
    }

    Path greeting(String mailbox, GreetingKind kind) {
        return greetings(mailbox).resolve(kind.token() + WAV);
    }

    Path settings() {
        return root.resolve("settings");
    }

    Path callFlowSettings() {
        return settings().resolve("call-flow" + JSON);
    }

    /** The file name without {@code extension}, or null when it does not end with it. */
    static String stem(Path file, String extension) {
        String name = file.getFileName().toString();
        return name.endsWith(extension) ? name.substring(0, name.length() - extension.length()) : null;
    }
}
