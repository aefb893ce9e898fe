package postbox.media.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.slf4j.LoggerFactory;

import postbox.media.SrtpKeys;

/**
 * One leg's SRTP and SRTCP (RFC 3711) with SDES keys (RFC 4568), through libjitsi's {@code org.jitsi.srtp}
 * contexts: what the leg sends is protected with the local master key and salt (contexts for its own SSRC),
 * what it receives is authenticated (replay-checked) and decrypted with the peer's, with contexts derived for
 * the peer's SSRC when its first packet comes (and again if it changes). In place, in the caller's array (see
 * {@link PacketBuffer}); per packet the contexts allocate a few hundred bytes inside the JCA (measured in
 * {@code SrtpSessionTest}), key derivation happens on construction and per new peer SSRC. The first session in
 * the JVM costs about a second (libjitsi benchmarks the AES providers): run {@link #warmUp()} at start-up. Tick
 * thread only (or the test peer's thread).
 */
public final class SrtpSession {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(SrtpSession.class);
    private static final Logger JITSI_LOGGER = new LoggerImpl(SrtpSession.class.getName());
    private static final int KEY_BYTES = 16;
    private static final int SALT_BYTES = 14;
    private static final int SRTCP_TAG_BYTES = 10;
    /** The most bytes protection adds: an 80-bit tag, plus the SRTCP index. */
    public static final int MAX_OVERHEAD = SRTCP_TAG_BYTES + 4;

    private final SrtpContextFactory sending;
    private final SrtpContextFactory receiving;
    private final SrtpCryptoContext sendRtp;
    private final SrtcpCryptoContext sendRtcp;
    private SrtpCryptoContext receiveRtp;
    private SrtcpCryptoContext receiveRtcp;

    /** A session protecting what {@code localSsrc} sends with {@code keys}. Caller's thread: derives keys. */
    public SrtpSession(SrtpKeys keys, int localSsrc) {
        SrtpPolicy rtp = policy(keys.srtpTagBytes());
        SrtpPolicy rtcp = policy(SRTCP_TAG_BYTES);
        byte[] local = keys.localKeySalt();
        byte[] remote = keys.remoteKeySalt();
        sending = new SrtpContextFactory(true, Arrays.copyOf(local, KEY_BYTES),
                Arrays.copyOfRange(local, KEY_BYTES, KEY_BYTES + SALT_BYTES), rtp, rtcp, JITSI_LOGGER);
        receiving = new SrtpContextFactory(false, Arrays.copyOf(remote, KEY_BYTES),
                Arrays.copyOfRange(remote, KEY_BYTES, KEY_BYTES + SALT_BYTES), rtp, rtcp, JITSI_LOGGER);
        try {
            sendRtp = sending.deriveContext(localSsrc, 0);
            sendRtcp = sending.deriveControlContext(localSsrc);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTP key derivation failed", e);
        }
    }

    /**
     * Loads libjitsi's SRTP and lets it benchmark its AES providers (about a second, once per JVM), by protecting
     * and unprotecting a packet with throwaway keys. Blocking, caller's thread.
     */
    public static void warmUp() {
        long startNanos = System.nanoTime();
        byte[] keySalt = new byte[SrtpKeys.KEY_SALT_BYTES];
        Arrays.fill(keySalt, (byte) 7);
        SrtpSession session = new SrtpSession(new SrtpKeys(SrtpKeys.AES_CM_128_HMAC_SHA1_80, keySalt, keySalt), 1);
        byte[] packet = new byte[12 + 160 + MAX_OVERHEAD];
        packet[0] = (byte) 0x80;
        packet[11] = 1;
        PacketBuffer buffer = new PacketBuffer(packet).set(0, 12 + 160);
        if (!session.protectRtp(buffer) || !session.unprotectRtp(buffer, 1)) {
            throw new IllegalStateException("SRTP does not round-trip a packet");
        }
        log.info("SRTP ready in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Protects an RTP packet in place (appends the tag). */
    public boolean protectRtp(PacketBuffer packet) {
        try {
            return sendRtp.transformPacket(packet) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Authenticates and decrypts an RTP packet of {@code ssrc} in place (removes the tag). */
    public boolean unprotectRtp(PacketBuffer packet, int ssrc) {
        if (receiveRtp == null || receiveRtp.getSsrc() != ssrc) {
            try {
                receiveRtp = receiving.deriveContext(ssrc, 0);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        try {
            return receiveRtp.reverseTransformPacket(packet, false) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Protects an RTCP compound packet in place (appends the SRTCP index and tag). */
    public boolean protectRtcp(PacketBuffer packet) {
        try {
            return sendRtcp.transformPacket(packet) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Authenticates and decrypts an SRTCP packet sent by {@code ssrc} in place. */
    public boolean unprotectRtcp(PacketBuffer packet, int ssrc) {
        if (receiveRtcp == null || receiveRtcp.getSsrc() != ssrc) {
            try {
                receiveRtcp = receiving.deriveControlContext(ssrc);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        try {
            return receiveRtcp.reverseTransformPacket(packet) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Releases the key material. */
    public void close() {
        sending.close();
        receiving.close();
    }

    private static SrtpPolicy policy(int tagBytes) {
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, KEY_BYTES, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
                tagBytes, SALT_BYTES);
    }
}
