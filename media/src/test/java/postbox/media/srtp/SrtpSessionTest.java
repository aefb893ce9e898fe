package postbox.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import postbox.media.SrtpKeys;

/** SRTP/SRTCP between two sessions with mirrored SDES keys, through libjitsi's contexts. */
class SrtpSessionTest {
    private static final Logger log = LoggerFactory.getLogger(SrtpSessionTest.class);
    private static final int ALICE = 0x11223344;
    private static final int BOB = 0x55667788;

    @BeforeAll
    static void warmUp() {
        SrtpSession.warmUp();
    }

    @ParameterizedTest
    @ValueSource(strings = {SrtpKeys.AES_CM_128_HMAC_SHA1_80, SrtpKeys.AES_CM_128_HMAC_SHA1_32})
    void protectsAndUnprotectsRtpBothWays(String suite) {
        SrtpKeys aliceKeys = keys(suite, 1);
        SrtpSession alice = new SrtpSession(aliceKeys, ALICE);
        SrtpSession bob = new SrtpSession(mirror(aliceKeys), BOB);
        byte[] packet = rtp(ALICE, 1000, (byte) 42);
        byte[] clear = Arrays.copyOf(packet, 172);
        PacketBuffer buffer = new PacketBuffer(packet).set(0, 172);
        assertThat(alice.protectRtp(buffer)).isTrue();
        assertThat(buffer.getLength()).isEqualTo(172 + (suite.endsWith("80") ? 10 : 4));
        assertThat(Arrays.copyOfRange(packet, 12, 172)).as("encrypted").isNotEqualTo(Arrays.copyOfRange(clear, 12, 172));
        assertThat(bob.unprotectRtp(buffer, ALICE)).isTrue();
        assertThat(Arrays.copyOf(packet, buffer.getLength())).containsExactly(clear);
    }

    @Test
    void dropsTamperedReplayedAndWronglyKeyedPackets() {
        SrtpKeys aliceKeys = keys(SrtpKeys.AES_CM_128_HMAC_SHA1_80, 2);
        SrtpSession alice = new SrtpSession(aliceKeys, ALICE);
        SrtpSession bob = new SrtpSession(mirror(aliceKeys), BOB);
        SrtpSession eve = new SrtpSession(mirror(keys(SrtpKeys.AES_CM_128_HMAC_SHA1_80, 3)), BOB);

        byte[] tampered = protect(alice, rtp(ALICE, 7, (byte) 1));
        tampered[20] ^= 1;
        assertThat(bob.unprotectRtp(new PacketBuffer(tampered).set(0, 182), ALICE)).as("tampered").isFalse();

        byte[] good = protect(alice, rtp(ALICE, 8, (byte) 1));
        byte[] copy = good.clone();
        assertThat(eve.unprotectRtp(new PacketBuffer(copy).set(0, 182), ALICE)).as("other keys").isFalse();
        assertThat(bob.unprotectRtp(new PacketBuffer(good.clone()).set(0, 182), ALICE)).isTrue();
        assertThat(bob.unprotectRtp(new PacketBuffer(good.clone()).set(0, 182), ALICE)).as("replayed").isFalse();
    }

    @Test
    void protectsRtcpWithAnIndexAndAnEightyBitTag() {
        SrtpKeys aliceKeys = keys(SrtpKeys.AES_CM_128_HMAC_SHA1_32, 4);
        SrtpSession alice = new SrtpSession(aliceKeys, ALICE);
        SrtpSession bob = new SrtpSession(mirror(aliceKeys), BOB);
        byte[] packet = new byte[64];
        byte[] report = {(byte) 0x80, (byte) 201, 0, 1, 0x11, 0x22, 0x33, 0x44};
        System.arraycopy(report, 0, packet, 0, report.length);
        PacketBuffer buffer = new PacketBuffer(packet).set(0, 8);
        assertThat(alice.protectRtcp(buffer)).isTrue();
        assertThat(buffer.getLength()).as("index + 80-bit tag even with the _32 suite").isEqualTo(8 + 4 + 10);
        assertThat(bob.unprotectRtcp(buffer, ALICE)).isTrue();
        assertThat(Arrays.copyOf(packet, buffer.getLength())).containsExactly(report);
    }

    /** Reports (not asserts) what libjitsi's contexts allocate per packet: they re-initialize JCA ciphers. */
    @Test
    void measuresAllocationPerPacket() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SrtpKeys aliceKeys = keys(SrtpKeys.AES_CM_128_HMAC_SHA1_80, 5);
        SrtpSession alice = new SrtpSession(aliceKeys, ALICE);
        SrtpSession bob = new SrtpSession(mirror(aliceKeys), BOB);
        byte[] packet = new byte[200];
        PacketBuffer buffer = new PacketBuffer(packet);
        long bytes = 0;
        long nanos = 0;
        int packets = 3000;
        for (int i = 0; i < 2 * packets; i++) {
            byte[] fresh = rtp(ALICE, i, (byte) i);
            System.arraycopy(fresh, 0, packet, 0, 172);
            long before = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            boolean ok = alice.protectRtp(buffer.set(0, 172)) && bob.unprotectRtp(buffer, ALICE);
            if (i >= packets) {
                nanos += System.nanoTime() - start;
                bytes += threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertThat(ok).isTrue();
        }
        log.info("SRTP protect + unprotect: {} ns and {} bytes per packet", nanos / packets, bytes / packets);
        assertThat(nanos / packets).as("well under the 10 µs per packet budget").isLessThan(10_000);
    }

    private static byte[] protect(SrtpSession session, byte[] packet) {
        PacketBuffer buffer = new PacketBuffer(packet).set(0, 172);
        assertThat(session.protectRtp(buffer)).isTrue();
        return packet;
    }

    private static byte[] rtp(int ssrc, int sequence, byte fill) {
        byte[] packet = new byte[172 + SrtpSession.MAX_OVERHEAD];
        packet[0] = (byte) 0x80;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
        Arrays.fill(packet, 12, 172, fill);
        return packet;
    }

    private static SrtpKeys keys(String suite, long seed) {
        Random random = new Random(seed);
        byte[] local = new byte[30];
        byte[] remote = new byte[30];
        random.nextBytes(local);
        random.nextBytes(remote);
        return new SrtpKeys(suite, local, remote);
    }

    private static SrtpKeys mirror(SrtpKeys keys) {
        return new SrtpKeys(keys.suite(), keys.remoteKeySalt(), keys.localKeySalt());
    }
}
