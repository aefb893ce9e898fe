package postbox.media.clock;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import postbox.media.metric.Counter;
import postbox.media.metric.Counters;

/**
 * The legs served by one clock, and the one tick-walk that both {@link PacedClock} and {@link ManualClock}
 * run: take in the legs that joined, tick each leg, drop the finished ones. Legs join and leave only at tick
 * boundaries. {@link #add} and {@link #load} are thread-safe; {@link #tick} and {@link #shutdown} run on one
 * thread at a time (the clock's).
 */
public final class Shard {
    private static final int SHUTDOWN_TICKS = 2;
    private final Queue<Tickable> joining = new ConcurrentLinkedQueue<>();
    private final AtomicInteger load = new AtomicInteger();
    private final Counters counters = new Counters();
    private Tickable[] members = new Tickable[64];
    private int size;

    /** This shard's counters (written by its tick thread). */
    public Counters counters() {
        return counters;
    }

    /** Legs served or about to join. Thread-safe. */
    public int load() {
        return load.get();
    }

    /** Adds a member; it is ticked from the next tick on. Thread-safe. */
    public void add(Tickable member) {
        load.incrementAndGet();
        joining.add(member);
    }

    /** Runs one tick over all members. */
    public void tick(long tickNanos) {
        counters.increment(Counter.TICKS);
        for (Tickable member; (member = joining.poll()) != null; ) {
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
            }
            members[size++] = member;
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Tickable member = members[i];
            if (tickOne(member, tickNanos)) {
                members[kept++] = member;
            } else {
                load.decrementAndGet();
            }
        }
        Arrays.fill(members, kept, size, null);
        size = kept;
    }

    /** Closes every member and runs the ticks that let them finish; call once the clock has stopped. */
    public void shutdown(long nowNanos) {
        for (int i = 0; i < size; i++) {
            members[i].close();
        }
        for (Tickable member : joining) {
            member.close();
        }
        for (int round = 0; round < SHUTDOWN_TICKS && load.get() > 0; round++) {
            tick(nowNanos);
        }
    }

    private boolean tickOne(Tickable member, long tickNanos) {
        try {
            return member.tick(tickNanos);
        } catch (RuntimeException e) {
            counters.increment(Counter.LEG_FAILURES);
            member.abort(e);
            return false;
        }
    }
}
