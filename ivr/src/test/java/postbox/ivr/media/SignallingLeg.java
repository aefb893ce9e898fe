package postbox.ivr.media;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import postbox.media.MediaEvent;
import postbox.media.MediaLeg;
import postbox.media.MediaSource;
import postbox.media.PcmOutput;
import postbox.media.RecordSpec;
import postbox.media.Recorder;
import postbox.media.RemoteMedia;

/**
 * A real leg that also tells a test which commands the call posted ({@code play}, {@code stopPlay},
 * {@code record}, {@code stopRecord}), so that a test driving a manual clock ticks once a command is queued.
 * Thread-safe, as the leg.
 */
public final class SignallingLeg implements MediaLeg {

    private final MediaLeg leg;
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();

    public SignallingLeg(MediaLeg leg) {
        this.leg = leg;
    }

    /** The next command posted, waiting up to {@code timeout}; fails the test when none comes. */
    public String nextCommand(Duration timeout) throws InterruptedException {
        String command = commands.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (command == null) {
            throw new AssertionError("the call posted no command within " + timeout);
        }
        return command;
    }

    /** The next command posted if one comes within {@code timeout}, else null. */
    public String pollCommand(Duration timeout) throws InterruptedException {
        return commands.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String callId() {
        return leg.callId();
    }

    @Override
    public InetSocketAddress localAddress() {
        return leg.localAddress();
    }

    @Override
    public void connect(RemoteMedia remote) {
        leg.connect(remote);
    }

    @Override
    public long play(MediaSource source, boolean bargeIn) {
        long id = leg.play(source, bargeIn);
        commands.add("play");
        return id;
    }

    @Override
    public void stopPlay() {
        leg.stopPlay();
        commands.add("stopPlay");
    }

    @Override
    public Recorder record(RecordSpec spec, PcmOutput output) {
        Recorder recorder = leg.record(spec, output);
        commands.add("record");
        return recorder;
    }

    @Override
    public void stopRecord() {
        leg.stopRecord();
        commands.add("stopRecord");
    }

    @Override
    public int sampleRate() {
        return leg.sampleRate();
    }

    @Override
    public long sendDigits(String keys) {
        commands.add("sendDigits " + keys);
        return leg.sendDigits(keys);
    }

    @Override
    public postbox.media.LegStats stats() {
        return leg.stats();
    }

    @Override
    public BlockingQueue<MediaEvent> events() {
        return leg.events();
    }

    @Override
    public void post(MediaEvent event) {
        leg.post(event);
    }

    @Override
    public void close() {
        leg.close();
    }
}
