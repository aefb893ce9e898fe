package postbox.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static postbox.media.rtp.LegFixture.voicedFrames;

import java.util.List;

import org.junit.jupiter.api.Test;

import postbox.media.LegStats;
import postbox.media.MediaStats;
import postbox.media.rtcp.Rtcp;
import postbox.media.testing.RtpPeer;

/**
 * RTCP between a leg and a peer on a manual clock: the leg's reports carry RFC 3550 loss and jitter of a stream
 * with known loss and jitter, its SR counts what it sent, and the peer's reports come back as per-leg stats with
 * the round trip.
 */
class RtcpIT {
    /** 1.2 s: the first report comes at 1.25 s at the earliest (half the minimum 2.5 s interval). */
    private static final int FRAMES = 60;

    @Test
    void theLegsSenderReportDescribesAStreamWithKnownLossAndJitter() throws Exception {
        try (LegFixture fixture = LegFixture.connected()) {
            RtpPeer peer = fixture.peer;
            List<short[]> frames = voicedFrames(0, FRAMES);
            double expectedJitter = 0;
            long previousTransit = 0;
            int sent = 0;
            short[] held = null;
            for (int i = 0; i < FRAMES; i++) {
                boolean lost = i % 10 == 4;
                boolean late = i % 5 == 1;
                if (lost) {
                    peer.skipFrame();
                } else if (late) {
                    held = frames.get(i);
                } else {
                    if (held != null) {
                        peer.sendFrame(held);
                        held = null;
                    }
                    peer.sendFrame(frames.get(i));
                }
                fixture.clock.advance(1);
            }
            // the expected jitter, from the same arrival pattern: a packet held back a tick arrives with the next
            for (int i = 0, arrivals = 0; i < FRAMES; i++) {
                if (i % 10 == 4) {
                    continue;
                }
                long arrivalTick = i % 5 == 1 ? i + 1 : i;
                long transit = arrivalTick * 160 - i * 160L;
                if (arrivals++ > 0) {
                    expectedJitter += (Math.abs(transit - previousTransit) - expectedJitter) / 16;
                }
                previousTransit = transit;
                sent++;
            }
            fixture.clock.advance(400);
            byte[] report = fixture.peer.awaitRtcp(1, LegFixture.WAIT).getFirst();

            assertThat(report[1] & 0xFF).isEqualTo(Rtcp.SR);
            int packetCount = word(report, 20);
            long rtpTimestamp = word(report, 16) & 0xFFFFFFFFL;
            long firstTimestamp = fixture.peer.awaitPackets(1, LegFixture.WAIT).getFirst().timestamp();
            assertThat(rtpTimestamp - firstTimestamp).as("SR RTP timestamp: one frame per packet sent")
                    .isEqualTo(160L * packetCount);
            assertThat(word(report, 24)).as("octets").isEqualTo(160 * packetCount);
            assertThat(word(report, 28)).as("about the peer").isEqualTo(peer.ssrc());
            assertThat(report[32] & 0xFF).as("fraction lost").isEqualTo((FRAMES / 10 << 8) / FRAMES);
            assertThat(word(report, 32) & 0xFFFFFF).as("cumulative lost").isEqualTo(FRAMES - sent);
            assertThat(word(report, 40)).as("jitter, timestamp units").isEqualTo((int) Math.round(expectedJitter));
            assertThat(word(report, 44)).as("no SR from the peer yet: LSR").isZero();

            LegStats stats = fixture.leg.stats();
            assertThat(stats.packetsLost()).isEqualTo(FRAMES / 10);
            assertThat(stats.jitterMillis()).isCloseTo(expectedJitter / 8, within(0.01));
            MediaStats engine = fixture.engine.stats();
            assertThat(engine.rtcpOut()).isGreaterThanOrEqualTo(1);
            assertThat(engine.maxJitterMillis()).isEqualTo(engine.meanJitterMillis()).isEqualTo(stats.jitterMillis());
        }
    }

    @Test
    void thePeersReceiverReportGivesLossJitterAndTheRoundTrip() throws Exception {
        try (LegFixture fixture = LegFixture.connected()) {
            fixture.clock.advance(400);
            byte[] sr = fixture.peer.awaitRtcp(1, LegFixture.WAIT).getFirst();
            long lsr = (word(sr, 8) & 0xFFFFL) << 16 | (word(sr, 12) >>> 16 & 0xFFFF);
            long srTick = word(sr, 20);
            fixture.clock.advance(5);
            long rrTick = fixture.clock.ticks() + 1;
            byte[] rr = new byte[32];
            int dlsr = 655;
            put(rr, 0, 0x81 << 24 | Rtcp.RR << 16 | 7);
            put(rr, 4, fixture.peer.ssrc());
            put(rr, 8, word(sr, 4));
            put(rr, 12, 64 << 24 | 3);
            put(rr, 16, 1000);
            put(rr, 20, 240);
            put(rr, 24, (int) lsr);
            put(rr, 28, dlsr);
            fixture.peer.sendRtcpDatagram(rr);
            fixture.clock.advance(1);

            LegStats.PeerReport report = fixture.leg.stats().peer().orElseThrow();
            assertThat(report.fractionLost()).isEqualTo(0.25);
            assertThat(report.cumulativeLost()).isEqualTo(3);
            assertThat(report.jitterMillis()).isEqualTo(30.0);
            assertThat(report.roundTripMillis()).as("the ticks since our SR (it went out on the tick of its packet count),"
                    + " less the 10 ms the peer held it").isCloseTo((rrTick - srTick) * 20 - dlsr * 1000.0 / 65536,
                    within(0.1));
            assertThat(fixture.engine.stats().rtcpIn()).isOne();
        }
    }

    private static int word(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | (bytes[at + 3] & 0xFF);
    }

    private static void put(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >> (24 - 8 * i));
        }
    }
}
