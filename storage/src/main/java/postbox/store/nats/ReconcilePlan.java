package postbox.store.nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a full reconcile on the primary must do to make the config bucket and the greetings Object Store match the
 * local stores. Pure: computed from snapshots, no I/O. Immutable.
 *
 * @param keysToPublish   keys whose local value differs from the published one, or whose greeting object is
 *                        missing from the Object Store (published again, uploading the audio)
 * @param keysToDelete    published keys whose mailbox or greeting no longer exists locally
 * @param objectsToDelete objects no desired greeting refers to (superseded or orphaned audio)
 */
record ReconcilePlan(Set<String> keysToPublish, Set<String> keysToDelete, Set<String> objectsToDelete) {

    ReconcilePlan {
        keysToPublish = Set.copyOf(keysToPublish);
        keysToDelete = Set.copyOf(keysToDelete);
        objectsToDelete = Set.copyOf(objectsToDelete);
    }

    /**
     * @param desired   key → JSON value from the local stores
     * @param published key → JSON value in the bucket now (only keys {@link ConfigKey} knows are considered)
     * @param objects   the names of the objects in the greetings Object Store
     */
    static ReconcilePlan of(Map<String, String> desired, Map<String, String> published, Collection<String> objects)
            throws IOException {
        Set<String> toPublish = new TreeSet<>();
        Set<String> referenced = new HashSet<>();
        for (Map.Entry<String, String> entry : desired.entrySet()) {
            String key = entry.getKey();
            String object = objectOf(key, entry.getValue());
            if (object != null) {
                referenced.add(object);
            }
            if (!Objects.equals(entry.getValue(), published.get(key)) || (object != null && !objects.contains(object))) {
                toPublish.add(key);
            }
        }
        Set<String> toDelete = new TreeSet<>();
        for (String key : published.keySet()) {
            if (!desired.containsKey(key) && ConfigKey.parse(key).isPresent()) {
                toDelete.add(key);
            }
        }
        Set<String> orphans = new TreeSet<>(objects);
        orphans.removeAll(referenced);
        return new ReconcilePlan(toPublish, toDelete, orphans);
    }

    /** The object a greeting key's value names; null for other keys and for no value. */
    static String objectOf(String key, String value) throws IOException {
        if (value != null && ConfigKey.parse(key).orElse(null) instanceof ConfigKey.GreetingKey) {
            return SyncJson.read(value.getBytes(StandardCharsets.UTF_8), GreetingRef.class).object();
        }
        return null;
    }
}
