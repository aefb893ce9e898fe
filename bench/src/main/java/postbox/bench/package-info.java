/**
 * {@code bin/bench}: the media benchmark of issue 5. {@link postbox.bench.Bench} parses the options
 * ({@link postbox.bench.BenchOptions}) and, for each number of calls, a {@link postbox.bench.BenchRun} starts the
 * packaged server, drives that many concurrent PCMU calls to a mailbox over real SIP and RTP on 127.0.0.1 (each
 * hears the greeting and the tone and records a message whose frames carry counters), measures the server from
 * the outside over a steady-state window, checks the stored recordings frame by frame, and yields a
 * {@link postbox.bench.RunResult}; {@link postbox.bench.ResultTable} prints one row per run, while
 * {@link postbox.bench.Progress} shows a line a second on stderr.
 *
 * <pre>
 *  run's thread: server up → greeting → GC, heap idle → INVITEs at --rate → all answered → settle (3 s)
 *                → window (CPU, counters) for --seconds → media stop → GC, heap steady → BYEs → messages checked
 *  sip-receiver / sip-timers: responses, ACKs, retransmissions (timers A and E)
 *  rtp-sender:  every 20 ms (absolute deadlines), one packet per answered call
 *  rtp-receiver-N: selector over a share of the calls' sockets, a System.nanoTime() per packet read
 * </pre>
 */
package postbox.bench;
