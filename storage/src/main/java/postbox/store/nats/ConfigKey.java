package postbox.store.nats;

import java.util.Optional;
import postbox.store.GreetingKind;
import postbox.store.MailboxId;

/**
 * A key of the config KV bucket: {@code mailbox.<id>} (a {@link postbox.store.MailboxEntry} as JSON),
 * {@code greeting.<id>.<kind>} (a {@link GreetingRef} as JSON) or {@code settings.call-flow} (the
 * {@link postbox.store.CallFlowSettings} as JSON). Immutable.
 */
sealed interface ConfigKey permits ConfigKey.MailboxKey, ConfigKey.GreetingKey, ConfigKey.CallFlowKey {

    /** The key as written in the bucket. */
    String key();

    /** Parses a bucket key; empty for keys this version does not know (left alone). */
    static Optional<ConfigKey> parse(String key) {
        if (key.equals(CallFlowKey.KEY.key())) {
            return Optional.of(CallFlowKey.KEY);
        }
        String[] parts = key.split("\\.", -1);
        if (parts.length == 2 && parts[0].equals("mailbox") && MailboxId.isValid(parts[1])) {
            return Optional.of(new MailboxKey(parts[1]));
        }
        if (parts.length == 3 && parts[0].equals("greeting") && MailboxId.isValid(parts[1])) {
            for (GreetingKind kind : GreetingKind.values()) {
                if (kind.token().equals(parts[2])) {
                    return Optional.of(new GreetingKey(parts[1], kind));
                }
            }
        }
        return Optional.empty();
    }

    /** A mailbox's configuration. */
    record MailboxKey(String id) implements ConfigKey {
        public MailboxKey {
            MailboxId.check(id);
        }

        @Override
        public String key() {
            return "mailbox." + id;
        }
    }

    /** A greeting's index entry. */
    record GreetingKey(String mailbox, GreetingKind kind) implements ConfigKey {
        public GreetingKey {
            MailboxId.check(mailbox);
        }

        @Override
        public String key() {
            return "greeting." + mailbox + "." + kind.token();
        }
    }

    /** The network's call-flow settings. */
    enum CallFlowKey implements ConfigKey {
        KEY;

        @Override
        public String key() {
            return "settings.call-flow";
        }
    }
}
