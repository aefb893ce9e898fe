package postbox.store.nats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import postbox.store.GreetingKind;
import postbox.store.PinHasher;
import postbox.store.file.FileCallFlowSettingsStore;
import postbox.store.file.FileGreetingStore;
import postbox.store.file.FileMailboxDirectory;
import postbox.store.file.FileMessageStore;

/** One node's file stores under its own data root (tests only). */
record NodeStores(FileMailboxDirectory directory, FileGreetingStore greetings, FileMessageStore messages,
                  FileCallFlowSettingsStore callFlow) {

    static NodeStores open(Path root) throws IOException {
        Clock clock = Clock.systemUTC();
        return new NodeStores(FileMailboxDirectory.open(root, clock, new PinHasher(1000)),
                FileGreetingStore.open(root), FileMessageStore.open(root, clock), FileCallFlowSettingsStore.open(root));
    }

    /** The greeting's bytes, empty when there is none. */
    Optional<byte[]> greeting(String mailbox, GreetingKind kind) throws IOException {
        Optional<InputStream> in = greetings.open(mailbox, kind);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream wav = in.get()) {
            return Optional.of(wav.readAllBytes());
        }
    }
}
