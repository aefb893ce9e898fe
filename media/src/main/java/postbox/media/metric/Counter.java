package postbox.media.metric;

/** The media engine's counters: what {@link postbox.media.MediaStats} reports, summed over the clocks. */
public enum Counter {
    /** Ticks run. */
    TICKS,
    /** Ticks that started more than 2 ms after their deadline. */
    LATE_TICKS,
    /** The worst tick lateness seen, in microseconds (a maximum, not a sum). */
    MAX_TICK_LATENESS_MICROS,
    /** Times a clock fell far behind (a GC, a suspended VM) and re-based its deadlines instead of bursting. */
    REBASES,
    /** Ticks that started at most 0.1 ms after their deadline (paced clocks only, like the buckets below). */
    LATENESS_UP_TO_100_MICROS,
    /** Ticks that started 0.1-0.5 ms late. */
    LATENESS_UP_TO_500_MICROS,
    /** Ticks that started 0.5-1 ms late. */
    LATENESS_UP_TO_1_MILLI,
    /** Ticks that started 1-2 ms late. */
    LATENESS_UP_TO_2_MILLIS,
    /** Ticks that started 2-5 ms late. */
    LATENESS_UP_TO_5_MILLIS,
    /** Ticks that started 5-10 ms late. */
    LATENESS_UP_TO_10_MILLIS,
    /** Ticks that started 10-20 ms late. */
    LATENESS_UP_TO_20_MILLIS,
    /** Ticks that started more than 20 ms late. */
    LATENESS_OVER_20_MILLIS,
    /** Datagrams received on RTP sockets (RTP and RTCP). */
    PACKETS_IN,
    /** RTP packets sent. */
    PACKETS_OUT,
    /** Datagrams dropped unread: not RTP or RTCP, an unknown payload type, undecodable, or before the peer was known. */
    PACKETS_IGNORED,
    /** Packets the socket refused to send. */
    SEND_FAILURES,
    /** RTCP compound packets sent. */
    RTCP_OUT,
    /** RTCP compound packets received and parsed. */
    RTCP_IN,
    /** Packets dropped because SRTP/SRTCP authentication or the replay check failed. */
    SRTP_FAILURES,
    /** Audio packets that arrived after their playout time. */
    LATE_PACKETS,
    /** Audio packets that arrived out of order but in time. */
    REORDERED_PACKETS,
    /** Audio packets received twice. */
    DUPLICATE_PACKETS,
    /** Jitter buffer re-syncs (new SSRC, timestamp jump, marker after a gap). */
    JITTER_RESYNCS,
    /** Frames missing from the peer's stream while later frames were already buffered. */
    FRAMES_LOST,
    /** Missing frames replaced by an attenuated repeat of the last frame. */
    FRAMES_CONCEALED,
    /** Frames a playback source could not deliver in time (played as silence). */
    PLAY_UNDERRUNS,
    /** Recorded frames dropped because the recorder's writer fell behind. */
    RECORD_OVERRUNS,
    /** Legs whose tick threw and that were released at once. */
    LEG_FAILURES
}
