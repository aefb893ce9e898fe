package postbox.media.rtp;

import postbox.media.MediaSource;
import postbox.media.RemoteMedia;
import postbox.media.record.Recording;

/** A command from the call to its leg, applied at the next tick boundary. Immutable. */
sealed interface LegCommand {

    /** Sets the peer's media. */
    record Connect(RemoteMedia remote) implements LegCommand {
    }

    /** Starts a playback. */
    record Play(long id, MediaSource source, boolean bargeIn) implements LegCommand {
    }

    /** Stops the playback. */
    record StopPlay() implements LegCommand {
    }

    /** Starts a recording (already started on its writer side). */
    record Record(Recording recording) implements LegCommand {
    }

    /** Stops the recording. */
    record StopRecord() implements LegCommand {
    }

    /** Releases the leg. */
    record Close() implements LegCommand {
    }
}
