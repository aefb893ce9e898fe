/**
 * Codecs at the RTP edge: {@link postbox.media.codec.G711} (µ-law, A-law). Everything inside the engine is
 * 8 kHz mono 16-bit PCM; codecs turn frames into payload bytes and back into caller-supplied buffers without
 * allocating.
 */
package postbox.media.codec;
