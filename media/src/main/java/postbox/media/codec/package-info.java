/**
 * Codecs at the RTP edge, one {@link postbox.media.codec.Codec} instance per leg from
 * {@link postbox.media.codec.Codecs#create}: {@link postbox.media.codec.G711} (µ-law, A-law, 8 kHz),
 * {@link postbox.media.codec.G722} (own pure-Java ITU-T G.722, 16 kHz), {@link postbox.media.codec.Speex}
 * (JSpeex, narrow and wide band) and {@link postbox.media.codec.Opus} (libjitsi's JNI libopus, 16 kHz). Inside the
 * engine everything is 16-bit mono PCM at the leg's rate (8 or 16 kHz, see
 * {@link postbox.media.codec.CodecFormat}); codecs turn 20 ms frames into payload bytes and back into
 * caller-supplied buffers, without allocating where the library allows (all but JSpeex).
 */
package postbox.media.codec;
