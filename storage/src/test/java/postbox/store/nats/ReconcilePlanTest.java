package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilePlanTest {

    private static final GreetingRef OLD = GreetingRef.of(new byte[] {1});
    private static final GreetingRef NEW = GreetingRef.of(new byte[] {2});

    private static String json(Object value) {
        return SyncJson.write(value);
    }

    @Test
    void nothingToDoWhenTheBucketMatches() throws IOException {
        Map<String, String> state = Map.of("mailbox.201", "{\"id\":\"201\"}", "greeting.201.busy", json(OLD));

        ReconcilePlan plan = ReconcilePlan.of(state, state, List.of(OLD.object()));

        assertThat(plan).isEqualTo(new ReconcilePlan(Set.of(), Set.of(), Set.of()));
    }

    @Test
    void changedAndNewKeysArePublishedAndGoneOnesDeleted() throws IOException {
        Map<String, String> desired = Map.of("mailbox.201", "{\"name\":\"new\"}", "mailbox.202", "{}",
                "greeting.201.busy", json(NEW));
        Map<String, String> published = Map.of("mailbox.201", "{\"name\":\"old\"}", "mailbox.203", "{}",
                "greeting.201.busy", json(OLD), "greeting.203.name", json(OLD), "settings.future", "{}");

        ReconcilePlan plan = ReconcilePlan.of(desired, published, List.of(OLD.object()));

        assertThat(plan.keysToPublish()).containsExactlyInAnyOrder("mailbox.201", "mailbox.202", "greeting.201.busy");
        assertThat(plan.keysToDelete()).containsExactlyInAnyOrder("mailbox.203", "greeting.203.name");
        assertThat(plan.objectsToDelete()).containsExactly(OLD.object());
    }

    @Test
    void aGreetingWhoseAudioIsMissingIsPublishedAgain() throws IOException {
        Map<String, String> state = Map.of("greeting.201.name", json(NEW));

        ReconcilePlan plan = ReconcilePlan.of(state, state, List.of());

        assertThat(plan.keysToPublish()).containsExactly("greeting.201.name");
        assertThat(plan.keysToDelete()).isEmpty();
    }

    @Test
    void sharedAudioIsKeptWhileAnyGreetingRefersToIt() throws IOException {
        Map<String, String> desired = Map.of("greeting.201.name", json(NEW), "greeting.202.name", json(NEW));

        ReconcilePlan plan = ReconcilePlan.of(desired, desired, List.of(NEW.object(), OLD.object(), "stray.wav"));

        assertThat(plan.objectsToDelete()).containsExactlyInAnyOrder(OLD.object(), "stray.wav");
        assertThat(ReconcilePlan.objectOf("greeting.202.name", json(NEW))).isEqualTo(NEW.object());
        assertThat(ReconcilePlan.objectOf("mailbox.202", "{}")).isNull();
        assertThat(ReconcilePlan.objectOf("greeting.202.name", null)).isNull();
    }
}
