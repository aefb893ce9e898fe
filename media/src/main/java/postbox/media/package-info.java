/**
 * Postbox's real-time media: the contract the call flows use ({@link postbox.media.MediaLeg},
 * {@link postbox.media.MediaSource}, {@link postbox.media.PcmOutput}, {@link postbox.media.MediaEvent},
 * {@link postbox.media.RemoteMedia}, {@link postbox.media.SrtpKeys}, {@link postbox.media.LegStats}, ...) and the
 * {@link postbox.media.MediaEngine} that serves it.
 *
 * <p>Legs are sharded over N paced clocks (one platform thread each, N = cores by default); each clock ticks every
 * 20 ms on absolute deadlines and walks its legs. Commands come in from call threads through a lock-free queue and
 * take effect at the tick boundary; events go out to each call's queue. Files are read and written by other
 * threads behind lock-free rings: the tick never blocks, never does file I/O, never allocates in steady state
 * (JSpeex and libjitsi's SRTP contexts aside, which allocate inside) and never calls IVR code. A leg runs at its
 * codec's rate, 8 kHz (G.711, Speex NB) or 16 kHz (G.722, Speex WB, Opus): frames of 160 or 320 samples.
 *
 * <pre>
 *  call thread                       tick (every 20 ms, per leg)                              other threads
 *  -----------                       ---------------------------                              -------------
 *  connect (codec + SRTP built  --&gt; 1. commands in (lock-free queue)
 *   here) / play / record /         2. RTP socket drain (non-blocking, until empty)
 *   sendDigits / stop / close            | SRTP unprotect; RawPacket statics parse;
 *                                        | latch send address; RFC 3550 reception stats
 *                                        +-- telephone-event PT --&gt; RFC 4733 receiver --+
 *                                        +-- codec PT --&gt; decode (8/16 kHz)             |
 *                                               v                                       |
 *                                   3. RTCP socket drain (port + 1): peer's SR/RR       |
 *                                   4. adaptive jitter buffer (20..200 ms, conceal)     |
 *                                               | one frame                             |
 *                                               +-- no telephone-event: Goertzel DTMF --+
 *                                               v                                       |
 *                                      silence detector, stop conditions                |
 *                                               v                                       |
 *                                      record ring (SPSC, leg rate) ====================|===&gt; writer thread
 *                                                                                       |    -&gt; 16 kHz to 8 kHz
 *                                   5. RTP timeout check                                |    -&gt; PcmOutput
 *                                   6. keys being sent (RFC 4733 packets / tones),      |
 *                                      else source.read(frame) &lt;==== ring ============|==== WAV reader
 *                                        | (silence if none / underrun)                 |     (resamples)
 *                                        v                                              |
 *                                      encode -&gt; RTP packet -&gt; SRTP -&gt; send             |
 *                                   7. about every 5 s: SR/RR + SDES -&gt; SRTCP -&gt; send    |
 *  events().take() &lt;------------------ events out: Dtmf, PlayDone, RecordDone, &lt;--------+
 *                                                  DigitsSent, RtpTimeout
 * </pre>
 *
 * <p>Sub-packages: {@code clock} (paced and manual clocks, the shard walk, the tick-lateness histogram),
 * {@code rtp} (legs, sockets, RFC 4733 both ways), {@code rtcp} (reports and reception statistics), {@code srtp},
 * {@code codec} (G.711, G.722, Speex, Opus), {@code dtmf} (tones and in-band detection), {@code jitter},
 * {@code record}, {@code ring}, {@code source} (playback sources, WAV reading, resampling), {@code metric}
 * (counters).
 *
 * <p>Socket work is per leg (non-blocking receive until empty on each leg's sockets). One {@code Selector} pass
 * per shard was measured against it at 500 legs with a packet each ({@code SocketDrainIT}, ~700-800 µs per tick
 * either way here): 1-12 % faster only when reading a single packet per ready socket per tick (which lets a
 * backlog wait for later ticks), 20 % slower when draining fully, so the simpler per-leg receive stays.
 */
package postbox.media;
