package postbox.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.JetStreamApiException;
import io.nats.client.api.ApiResponse;
import io.nats.client.support.JsonParser;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Creating a bucket that another client may be creating at the same moment. */
class BucketsTest {

    private static JetStreamApiException apiError(int code, String description) {
        return new JetStreamApiException(new ApiResponse<Object>(JsonParser.parseUnchecked(
                "{\"error\":{\"code\":400,\"err_code\":" + code + ",\"description\":\"" + description + "\"}}")) {
        });
    }

    @Test
    void aCreateThatLosesTheRaceToAnotherClientIsFine() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Buckets.Call lookup = () -> {
            if (lookups.incrementAndGet() == 1) {
                throw apiError(10059, "stream not found");
            }
            return "exists";
        };
        Buckets.ensure(lookup, () -> {
            throw apiError(10065, "subjects overlap with an existing stream");
        }, "bucket");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aCreateThatFailsForAnotherReasonIsReported() {
        Buckets.Call lookup = () -> {
            throw apiError(10059, "stream not found");
        };
        assertThatThrownBy(() -> Buckets.ensure(lookup, () -> {
            throw apiError(10047, "insufficient storage resources available");
        }, "bucket")).isInstanceOf(JetStreamApiException.class).hasMessageContaining("insufficient storage");
    }

    @Test
    void anExistingBucketIsNotCreatedAgain() throws Exception {
        Buckets.ensure(() -> "exists", () -> {
            throw new AssertionError("created again");
        }, "bucket");
    }
}
