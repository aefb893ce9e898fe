package postbox.store;

import java.util.Optional;

/**
 * Where the network's {@link CallFlowSettings} are kept once an admin has set them (until then the node's config
 * applies). Thread-safe. Failures to persist surface as {@link java.io.UncheckedIOException}.
 */
public interface CallFlowSettingsStore {

    /** The settings an admin set (or the primary's, synced); empty when none were set. */
    Optional<CallFlowSettings> get();

    /** Stores {@code settings} durably, replacing what was there; setting what is there changes nothing. */
    void put(CallFlowSettings settings);

    /** Forgets the stored settings, so that the node's config applies again; false when none were stored. */
    boolean clear();

    /** Adds a listener told, on the changing thread after the change is durable, of every put or clear that changed something. */
    void addListener(Runnable listener);
}
