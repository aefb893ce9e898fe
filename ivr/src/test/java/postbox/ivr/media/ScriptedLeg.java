package postbox.ivr.media;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import postbox.media.MediaEvent;
import postbox.media.MediaLeg;
import postbox.media.MediaSource;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.Recorder;
import postbox.media.RemoteMedia;

/**
 * A leg without a clock for {@link MediaCall}'s unit tests: it notes the commands it gets, numbers plays and
 * recordings 1, 2, 3…, and delivers only the events the test posts (ahead of time, so nothing waits). Not
 * thread-safe: the test and the call share one thread.
 */
final class ScriptedLeg implements MediaLeg {

    private final BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
    private final List<String> commands = new ArrayList<>();
    private final CompletableFuture<Long> drained = new CompletableFuture<>();
    private long lastId;

    /** The commands received, e.g. {@code play bargeIn=true}, {@code stopRecord}. */
    List<String> commands() {
        return commands;
    }

    /** What the next recording's {@link Recorder#drained()} gives. */
    CompletableFuture<Long> drained() {
        return drained;
    }

    @Override
    public String callId() {
        return "scripted";
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    @Override
    public void connect(RemoteMedia remote) {
        commands.add("connect");
    }

    @Override
    public long play(MediaSource source, boolean bargeIn) {
        commands.add("play bargeIn=" + bargeIn);
        source.close();
        return ++lastId;
    }

    @Override
    public void stopPlay() {
        commands.add("stopPlay");
    }

    @Override
    public Recorder record(RecordSpec spec, PcmOutput output) {
        commands.add("record " + spec.terminators());
        long id = ++lastId;
        return new Recorder() {
            @Override
            public long id() {
                return id;
            }

            @Override
            public CompletableFuture<Long> drained() {
                return drained;
            }
        };
    }

    @Override
    public void stopRecord() {
        commands.add("stopRecord");
    }

    @Override
    public int sampleRate() {
        return postbox.media.Frames.RATE;
    }

    @Override
    public long sendDigits(String keys) {
        commands.add("sendDigits " + keys);
        return ++lastId;
    }

    @Override
    public postbox.media.LegStats stats() {
        throw new UnsupportedOperationException("a scripted leg has no RTP");
    }

    @Override
    public BlockingQueue<MediaEvent> events() {
        return events;
    }

    @Override
    public void post(MediaEvent event) {
        events.add(event);
    }

    @Override
    public void close() {
        commands.add("close");
    }
}
