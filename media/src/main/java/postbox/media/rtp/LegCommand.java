package postbox.media.rtp;

import postbox.media.MediaSource;
import postbox.media.RemoteMedia;
import postbox.media.codec.Codec;
import postbox.media.record.Recording;
import postbox.media.srtp.SrtpSession;

/** A command from the call to its leg, applied at the next tick boundary. Immutable. */
sealed interface LegCommand {

    /**
     * Sets the peer's media.
     *
     * @param codec a new codec instance, or null to keep the current one (same codec and format parameters)
     * @param srtp  the SRTP session to use from now on (the current one when the keys did not change), or null
     */
    record Connect(RemoteMedia remote, Codec codec, SrtpSession srtp) implements LegCommand {
    }

    /** Starts a playback. */
    record Play(long id, MediaSource source, boolean bargeIn) implements LegCommand {
    }

    /** Stops the playback. */
    record StopPlay() implements LegCommand {
    }

    /** Sends DTMF keys (RFC 4733 event codes). */
    record SendDigits(long id, int[] events) implements LegCommand {
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
