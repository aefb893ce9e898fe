package postbox.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import postbox.media.LegStats;

/** Compound packets written field by field, and read back as the other side sees them. */
class RtcpTest {
    private static final int OURS = 0x0A0B0C0D;
    private static final int PEER = 0x01020304;

    @Test
    void writesASenderReportWithAReportBlockAndACname() {
        ReceptionStats peer = new ReceptionStats();
        for (int i = 0; i < 20; i++) {
            if (i != 5) {
                peer.onPacket(PEER, 300 + i, 160L * i, 160L * i);
            }
        }
        byte[] out = new byte[512];
        int length = Rtcp.write(out, OURS, Rtcp.cname(OURS), true, 0x11111111_22222222L, 777, 50, 8000, peer, 0);
        assertThat(out[0] & 0xFF).as("V=2, RC=1").isEqualTo(0x81);
        assertThat(out[1] & 0xFF).isEqualTo(Rtcp.SR);
        assertThat(word(out, 0) & 0xFFFF).as("length in words - 1").isEqualTo(12);
        assertThat(word(out, 4)).isEqualTo(OURS);
        assertThat(word(out, 8)).isEqualTo(0x11111111);
        assertThat(word(out, 12)).isEqualTo(0x22222222);
        assertThat(word(out, 16)).isEqualTo(777);
        assertThat(word(out, 20)).isEqualTo(50);
        assertThat(word(out, 24)).isEqualTo(8000);
        assertThat(word(out, 28)).isEqualTo(PEER);
        assertThat(out[32] & 0xFF).as("fraction lost: 1 of 20").isEqualTo(12);
        assertThat(word(out, 32) & 0xFFFFFF).as("cumulative lost").isEqualTo(1);
        assertThat(word(out, 36)).as("extended highest sequence").isEqualTo(319);
        assertThat(out[53] & 0xFF).isEqualTo(Rtcp.SDES);
        byte[] cname = Rtcp.cname(OURS);
        assertThat(out[60]).as("CNAME item").isEqualTo((byte) 1);
        assertThat(new String(out, 62, cname.length, StandardCharsets.US_ASCII)).isEqualTo("postbox-a0b0c0d");
        assertThat(length % 4).isZero();
        assertThat(length).isEqualTo(52 + 4 * ((word(out, 52) & 0xFFFF) + 1));
    }

    @Test
    void writesAReceiverReportWhenNothingWasSent() {
        byte[] out = new byte[512];
        int length = Rtcp.write(out, OURS, Rtcp.cname(OURS), false, 0, 0, 0, 0, new ReceptionStats(), 0);
        assertThat(out[0] & 0xFF).as("no report block yet").isEqualTo(0x80);
        assertThat(out[1] & 0xFF).isEqualTo(Rtcp.RR);
        assertThat(out[9] & 0xFF).isEqualTo(Rtcp.SDES);
        assertThat(Rtcp.isRtcp(out, 0, length)).isTrue();
    }

    @Test
    void readsThePeersReportOnOurStreamAndTheRoundTrip() {
        NtpClock clock = new NtpClock();
        long sentNanos = 1_000_000_000L;
        long ourSr = clock.ntp(sentNanos);
        ReceptionStats peerSide = new ReceptionStats();
        peerSide.onPacket(OURS, 1, 0, 0);
        peerSide.onPacket(OURS, 3, 320, 480);
        peerSide.onSenderReport(ourSr, sentNanos);
        byte[] report = new byte[512];
        int length = Rtcp.write(report, PEER, Rtcp.cname(PEER), false, 0, 0, 0, 0, peerSide, sentNanos + 30_000_000L);

        ReceptionStats ours = new ReceptionStats();
        LegStats.PeerReport read = Rtcp.read(report, 0, length, OURS, ours, 8000, clock.ntp(sentNanos + 50_000_000L),
                sentNanos + 50_000_000L);
        assertThat(read.cumulativeLost()).isOne();
        assertThat(read.fractionLost()).isCloseTo(85 / 256.0, within(1e-9));
        assertThat(read.jitterMillis()).isCloseTo(Math.round(160 / 16.0) / 8.0, within(1e-9));
        assertThat(read.roundTripMillis()).as("50 ms since our SR, 30 ms held by the peer")
                .isCloseTo(20, within(0.1));
    }

    @Test
    void readsTheSenderReportOfThePeerForLsr() {
        byte[] sr = new byte[512];
        int length = Rtcp.write(sr, PEER, Rtcp.cname(PEER), true, 0x00AA_BBCC_DDEE_0000L, 0, 1, 160,
                new ReceptionStats(), 0);
        ReceptionStats ours = new ReceptionStats();
        assertThat(Rtcp.read(sr, 0, length, OURS, ours, 8000, 0, 5)).as("no block about us").isNull();
        assertThat(ours.lastSenderReport()).isEqualTo(0xBBCC_DDEEL);
    }

    private static int word(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | (bytes[at + 3] & 0xFF);
    }
}
