/**
 * SRTP/SRTCP for RTP/SAVP calls ({@link postbox.media.srtp.SrtpSession}) through libjitsi's {@code org.jitsi.srtp}
 * contexts, working in place on the tick's packet arrays ({@link postbox.media.srtp.PacketBuffer}).
 */
package postbox.media.srtp;
