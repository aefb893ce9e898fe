package postbox.media.rtp;

import java.util.ArrayDeque;
import java.util.Queue;

import postbox.media.MediaEvent;

/**
 * The keys a leg sends ({@link postbox.media.MediaLeg#sendDigits}), one 200 ms cycle per key, tick by tick:
 * <pre>
 *  tick of the cycle     0      1      2      3      4      5      6      7  8  9
 *  RFC 4733 packet     start  cont   cont   cont   end    end    end    (silence)
 *  duration (20 ms)      1      2      3      4      5      5      5
 *  in band             tone   tone   tone   tone   tone   (silence ...............)
 * </pre>
 * The start packet carries the marker; all packets of a key carry the RTP timestamp of its first tick; the end
 * packet goes out three times. The playback pauses for the whole of a {@code sendDigits} call (it resumes where
 * it was); the gaps are silence. After the last key's third end packet the call hears
 * {@link MediaEvent.DigitsSent}; keys sent while others are going out queue behind them. Tick thread only;
 * allocates only when a call's keys are queued.
 */
final class DigitSender {
    /** The volume field of the events: -10 dBm0. */
    static final int VOLUME = 10;
    /** Ticks per key. */
    static final int CYCLE_TICKS = 10;
    private static final int TONE_TICKS = 5;
    private static final int LAST_END_TICK = 6;

    /** What this tick sends. */
    enum Step {
        /** No keys: the playback plays. */
        NONE,
        /** An RFC 4733 packet (or a tone frame in band). */
        TONE,
        /** The third end packet's tick and the gap (RFC 4733), or the gap after a tone (in band). */
        GAP
    }

    private final Queue<Keys> queue = new ArrayDeque<>();
    private final Queue<MediaEvent> events;
    private Keys current;
    private int keyIndex;
    private int tick;
    private long eventTimestamp;

    private record Keys(long id, int[] events) {
    }

    DigitSender(Queue<MediaEvent> events) {
        this.events = events;
    }

    /** Queues the keys of call {@code id} (event codes 0-15). */
    void enqueue(long id, int[] codes) {
        queue.add(new Keys(id, codes));
    }

    /** True while keys are being sent or queued. */
    boolean active() {
        return current != null || !queue.isEmpty();
    }

    /** Starts this tick: what it sends. Then read {@link #event()}, {@link #toneFrame()} and so on. */
    Step step(long streamTimestamp) {
        if (current == null) {
            current = queue.poll();
            if (current == null) {
                return Step.NONE;
            }
            keyIndex = 0;
            tick = 0;
        }
        if (tick == 0) {
            eventTimestamp = streamTimestamp;
        }
        return tick < TONE_TICKS ? Step.TONE : Step.GAP;
    }

    /** The RFC 4733 event code of the current key. */
    int event() {
        return current.events()[keyIndex];
    }

    /** The tick within the key's tone (0-4), the frame of the in-band tone to send. */
    int toneFrame() {
        return tick;
    }

    /** True on the key's first tick (the start packet, with the marker). */
    boolean start() {
        return tick == 0;
    }

    /** True from the end packet on (ticks 4-6). */
    boolean end() {
        return tick >= TONE_TICKS - 1;
    }

    /** True on the ticks that resend the end packet (5 and 6). */
    boolean endRepeat() {
        return tick > TONE_TICKS - 1 && tick <= LAST_END_TICK;
    }

    /** The event's duration so far in 20 ms frames (1-5). */
    int durationFrames() {
        return Math.min(tick + 1, TONE_TICKS);
    }

    /** The RTP timestamp of the key's first tick. */
    long eventTimestamp() {
        return eventTimestamp;
    }

    /** Ends this tick; posts DigitsSent after the last key's last end packet. */
    void finishTick() {
        if (current == null) {
            return;
        }
        boolean lastKey = keyIndex == current.events().length - 1;
        if (lastKey && tick == LAST_END_TICK) {
            events.add(new MediaEvent.DigitsSent(current.id()));
            current = null;
            return;
        }
        tick++;
        if (tick == CYCLE_TICKS) {
            tick = 0;
            keyIndex++;
        }
    }

    /** Completes every queued call at once (the leg is going away). */
    void abandon() {
        if (current != null) {
            events.add(new MediaEvent.DigitsSent(current.id()));
            current = null;
        }
        for (Keys keys; (keys = queue.poll()) != null; ) {
            events.add(new MediaEvent.DigitsSent(keys.id()));
        }
    }
}
