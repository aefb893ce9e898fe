/**
 * The benchmark's RTP over UDP on 127.0.0.1: a socket per call ({@link postbox.bench.rtp.MediaStream}), one
 * sender thread pacing every call on absolute 20 ms deadlines ({@link postbox.bench.rtp.RtpSender}), selector
 * threads that timestamp each server packet as they read it ({@link postbox.bench.rtp.RtpReceiver}) into
 * per-stream arrival statistics ({@link postbox.bench.rtp.ArrivalStats}), within the steady-state
 * {@link postbox.bench.rtp.MeasureWindow}.
 */
package postbox.bench.rtp;
