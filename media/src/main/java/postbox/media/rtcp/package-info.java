/**
 * RTCP (RFC 3550): per-leg reception statistics of the peer's stream ({@link postbox.media.rtcp.ReceptionStats}:
 * extended sequence numbers, loss, interarrival jitter), SR/RR + SDES compound packets written and read
 * ({@link postbox.media.rtcp.Rtcp}) and NTP timestamps on the tick's time scale
 * ({@link postbox.media.rtcp.NtpClock}). RTCP is rare work (one compound about every 5 s per leg), written
 * without allocating.
 */
package postbox.media.rtcp;
