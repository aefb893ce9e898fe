package postbox.media.rtp;

import java.util.Arrays;
import java.util.Queue;

import postbox.media.MediaEvent;
import postbox.media.MediaSource;
import postbox.media.metric.Counter;
import postbox.media.metric.Counters;

/**
 * A leg's current playback: pulls one frame per tick from the source (silence when nothing plays), ends it
 * with a {@link MediaEvent.PlayDone} and counts the source's underruns. A source made for another sample rate
 * than the leg's ends at once, interrupted (and when a re-INVITE changes the leg's rate). Tick thread only.
 */
final class Playback {
    private final Queue<MediaEvent> events;
    private final Counters counters;
    private MediaSource source;
    private long id;
    private boolean bargeIn;
    private long underruns;

    Playback(Queue<MediaEvent> events, Counters counters) {
        this.events = events;
        this.counters = counters;
    }

    /** Starts {@code source} on a leg running at {@code sampleRate}; what was playing ends interrupted. */
    void start(long id, MediaSource source, boolean bargeIn, int sampleRate) {
        stop();
        this.source = source;
        this.id = id;
        this.bargeIn = bargeIn;
        this.underruns = 0;
        stopUnlessAt(sampleRate);
    }

    /** Ends the playback, interrupted, when its source is made for another rate than {@code sampleRate}. */
    void stopUnlessAt(int sampleRate) {
        if (source != null && source.sampleRate() != 0 && source.sampleRate() != sampleRate) {
            end(true);
        }
    }

    /** Stops the playback, if any, with an interrupted PlayDone. */
    void stop() {
        if (source != null) {
            end(true);
        }
    }

    /** Drops the playback, if any, without an event (the leg is going away). */
    void discard() {
        if (source != null) {
            release();
        }
    }

    /** True when a key should stop what is playing. */
    boolean stopsOnKey() {
        return source != null && bargeIn;
    }

    /** Fills {@code frame} (20 ms at the leg's rate) with the next 20 ms to send. */
    void read(short[] frame) {
        if (source == null) {
            Arrays.fill(frame, (short) 0);
            return;
        }
        boolean more = source.read(frame);
        long total = source.underruns();
        if (total != underruns) {
            counters.add(Counter.PLAY_UNDERRUNS, total - underruns);
            underruns = total;
        }
        if (!more) {
            end(false);
            Arrays.fill(frame, (short) 0);
        }
    }

    private void end(boolean interrupted) {
        long endedId = id;
        release();
        events.add(new MediaEvent.PlayDone(endedId, interrupted));
    }

    private void release() {
        MediaSource ended = source;
        source = null;
        ended.close();
    }
}
