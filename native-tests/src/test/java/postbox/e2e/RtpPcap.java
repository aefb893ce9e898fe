package postbox.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic pcap files of one RTP stream: written for SIPp's {@code play_pcap_audio} (µ-law speech, silence and
 * RFC 4733 digits in one SSRC; SIPp rewrites addresses and ports), and read back from tshark captures.
 */
final class RtpPcap {

    /** One captured UDP datagram. */
    record Packet(long timeMicros, int srcPort, int dstPort, byte[] payload) {
        int rtpPayloadType() {
            return payload[1] & 0x7f;
        }

        int rtpSequence() {
            return ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
        }

        byte[] rtpPayload() {
            int cc = payload[0] & 0x0f;
            int offset = 12 + 4 * cc;
            return java.util.Arrays.copyOfRange(payload, offset, payload.length);
        }
    }

    private static final byte SILENCE = (byte) 0xff;
    private final List<long[]> times = new ArrayList<>();
    private final List<byte[]> packets = new ArrayList<>();
    private int seq = 1000;
    private long rtpTimestamp = 160_000;
    private long timeMicros;

    /** Appends µ-law audio, 20 ms per packet. */
    RtpPcap audio(byte[] ulaw) {
        for (int i = 0; i < ulaw.length; i += 160) {
            byte[] chunk = new byte[160];
            java.util.Arrays.fill(chunk, SILENCE);
            System.arraycopy(ulaw, i, chunk, 0, Math.min(160, ulaw.length - i));
            add(rtp(0, packets.isEmpty(), chunk));
            rtpTimestamp += 160;
            timeMicros += 20_000;
        }
        return this;
    }

    RtpPcap silence(int millis) {
        byte[] ulaw = new byte[8 * millis];
        java.util.Arrays.fill(ulaw, SILENCE);
        return audio(ulaw);
    }

    /** RFC 4733 digits (payload type 101), each 160 ms long with a 240 ms gap of silence before it. */
    RtpPcap digits(String keys) {
        for (char key : keys.toCharArray()) {
            silence(240);
            int event = switch (key) {
                case '*' -> 10;
                case '#' -> 11;
                default -> key - '0';
            };
            int frames = 8;
            for (int k = 1; k <= frames; k++) {
                boolean end = k == frames;
                ByteBuffer body = ByteBuffer.allocate(4);
                body.put((byte) event).put((byte) ((end ? 0x80 : 0) | 10)).putShort((short) (160 * k));
                for (int r = 0; r < (end ? 3 : 1); r++) { // the end packet three times (RFC 4733 2.5.1.4)
                    add(rtp(101, k == 1 && r == 0, body.array()));
                }
                timeMicros += 20_000;
            }
            rtpTimestamp += 160L * frames;
        }
        return this;
    }

    /**
     * In-band DTMF: each key as its two tones (ITU-T Q.23), 120 ms with 120 ms of silence before it, in the audio
     * stream itself (for peers that negotiated no telephone-event).
     */
    RtpPcap tones(String keys) throws java.io.IOException {
        String layout = "123A456B789C*0#D";
        int[] rows = {697, 770, 852, 941};
        int[] columns = {1209, 1336, 1477, 1633};
        for (char key : keys.toCharArray()) {
            silence(120);
            int index = layout.indexOf(key);
            if (index < 0) {
                throw new IllegalArgumentException("no DTMF key '" + key + "'");
            }
            short[] tone = new short[8 * 120];
            for (int i = 0; i < tone.length; i++) {
                double t = i / 8000.0;
                tone[i] = (short) (7000 * Math.sin(2 * Math.PI * rows[index / 4] * t)
                        + 7000 * Math.sin(2 * Math.PI * columns[index % 4] * t));
            }
            audio(Audio.toUlaw(tone));
        }
        return this;
    }

    double seconds() {
        return timeMicros / 1e6;
    }

    private byte[] rtp(int payloadType, boolean marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) seq++)
                .putInt((int) rtpTimestamp).putInt(0x1234ABCD).put(payload);
        return b.array();
    }

    private void add(byte[] rtp) {
        times.add(new long[] {timeMicros});
        packets.add(rtp);
    }

    /** Writes Ethernet/IPv4/UDP frames around each RTP packet (addresses are placeholders SIPp replaces). */
    void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(header.array());
            for (int i = 0; i < packets.size(); i++) {
                byte[] frame = frame(packets.get(i));
                long t = times.get(i)[0];
                ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                record.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(frame.length).putInt(frame.length);
                out.write(record.array());
                out.write(frame);
            }
        }
    }

    private static byte[] frame(byte[] payload) {
        ByteBuffer f = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
        f.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00});
        int ipStart = f.position();
        f.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        int sum = 0;
        for (int i = ipStart; i < ipStart + 20; i += 2) {
            sum += ((f.get(i) & 0xff) << 8) | (f.get(i + 1) & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        f.putShort(ipStart + 10, (short) ~sum);
        f.putShort((short) 40000).putShort((short) 6000).putShort((short) (8 + payload.length)).putShort((short) 0);
        f.put(payload);
        return f.array();
    }

    /** Reads the UDP datagrams of a classic pcap (Ethernet, as tshark writes on {@code lo} with {@code -F pcap}). */
    static List<Packet> read(Path file) throws IOException {
        List<Packet> result = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            byte[] global = data.readNBytes(24);
            if (global.length < 24) {
                return result;
            }
            ByteBuffer g = ByteBuffer.wrap(global).order(ByteOrder.LITTLE_ENDIAN);
            int magic = g.getInt(0);
            boolean nanos = magic == 0xa1b23c4d;
            int linkType = g.getInt(20);
            while (true) {
                byte[] rec = data.readNBytes(16);
                if (rec.length < 16) {
                    break;
                }
                ByteBuffer r = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
                long sec = r.getInt(0) & 0xffffffffL;
                long frac = r.getInt(4) & 0xffffffffL;
                int caplen = r.getInt(8);
                byte[] frame = data.readNBytes(caplen);
                int ip = switch (linkType) {
                    case 1 -> 14;      // Ethernet
                    case 113 -> 16;    // Linux cooked
                    case 0 -> 4;       // BSD loopback
                    default -> throw new IOException("unsupported pcap link type " + linkType);
                };
                if (frame.length < ip + 28 || (frame[ip] >> 4) != 4 || frame[ip + 9] != 17) {
                    continue;
                }
                int ihl = (frame[ip] & 0x0f) * 4;
                int udp = ip + ihl;
                int src = ((frame[udp] & 0xff) << 8) | (frame[udp + 1] & 0xff);
                int dst = ((frame[udp + 2] & 0xff) << 8) | (frame[udp + 3] & 0xff);
                byte[] payload = java.util.Arrays.copyOfRange(frame, udp + 8, frame.length);
                long micros = sec * 1_000_000 + (nanos ? frac / 1000 : frac);
                result.add(new Packet(micros, src, dst, payload));
            }
        }
        return result;
    }
}
