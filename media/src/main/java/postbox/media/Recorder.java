package postbox.media;

import java.util.concurrent.CompletableFuture;

/** A recording in progress on a leg. Thread-safe. */
public interface Recorder {

    /** The id carried by this recording's {@link MediaEvent.RecordDone}. */
    long id();

    /**
     * Completes once the recording has stopped and every sample reached the {@link PcmOutput}, with the number
     * of samples written; completes exceptionally when writing failed (the samples written before stay).
     */
    CompletableFuture<Long> drained();
}
