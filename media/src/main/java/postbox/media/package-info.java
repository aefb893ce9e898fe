/**
 * Postbox's real-time media: the contract the call flows use ({@link postbox.media.MediaLeg},
 * {@link postbox.media.MediaSource}, {@link postbox.media.PcmOutput}, {@link postbox.media.MediaEvent}, ...)
 * and the {@link postbox.media.MediaEngine} that serves it.
 *
 * <p>One paced clock per shard ticks every 20 ms on absolute deadlines; each tick walks its legs. Commands
 * come in from call threads through a lock-free queue and take effect at the tick boundary; events go out to
 * each call's queue. Files are read and written by other threads behind lock-free rings: the tick never
 * blocks, never does file I/O, never allocates in steady state and never calls IVR code.
 *
 * <pre>
 *  call thread                         tick (every 20 ms, per leg)                         other threads
 *  -----------                         ---------------------------                         -------------
 *  play/record/stop/connect/close --&gt; 1. commands in (lock-free queue)
 *                                     2. socket drain (non-blocking, until empty)
 *                                          | RawPacket statics parse; latch send address
 *                                          +-- telephone-event PT --&gt; DTMF receiver --+
 *                                          +-- codec PT --&gt; G.711 decode              |
 *                                                 v                                   |
 *                                     3. jitter buffer (60 ms, reorder, conceal)      |
 *                                                 | one frame                         |
 *                                                 v                                   |
 *                                        silence detector, stop conditions            |
 *                                                 v                                   |
 *                                        record ring (SPSC) ==========================|===&gt; writer thread
 *                                                                                     |    -&gt; PcmOutput
 *                                     4. RTP timeout check                            |
 *                                     5. source.read(frame) &lt;==== ring ================|==== WAV reader
 *                                          | (silence if none / underrun)             |
 *                                          v                                          |
 *                                        G.711 encode -&gt; RTP packet -&gt; send          |
 *  events().take() &lt;-------------------- events out: Dtmf, PlayDone, RecordDone, &lt;----+
 *                                                    RtpTimeout
 * </pre>
 *
 * <p>Sub-packages: {@code clock} (paced and manual clocks, the shard walk), {@code rtp} (legs, sockets,
 * DTMF), {@code jitter}, {@code codec} (G.711), {@code record}, {@code ring}, {@code source} (playback
 * sources, WAV reading), {@code metric} (counters).
 */
package postbox.media;
