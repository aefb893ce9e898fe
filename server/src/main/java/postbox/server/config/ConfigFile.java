package postbox.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The YAML configuration file as written by an administrator: every field optional, every key known (an unknown
 * key is an error naming it). {@link Settings#from} validates it and fills in the defaults.
 */
public record ConfigFile(Node node, Sip sip, Http http, Media media, String data, Voicemail voicemail,
                         Pbx pbx, Peer peer, String failback, @JsonProperty("failbackTimeout") String failbackTimeout,
                         Boolean demo) {

    /** {@code node:} — who this node is. */
    public record Node(String name, String role, Integer ports, String timezone) {
    }

    /** {@code sip:} — where calls arrive and which codecs and start points are offered. */
    public record Sip(String listen, List<String> codecs, List<String> collect, Boolean srtp) {
    }

    /** {@code http:} — the admin API. */
    public record Http(String listen, String token) {
    }

    /** {@code media:} — RTP. */
    public record Media(String address, @JsonProperty("rtpPorts") String rtpPorts, Integer clocks,
                        @JsonProperty("rtpTimeoutSeconds") Integer rtpTimeoutSeconds,
                        @JsonProperty("spinMicros") Integer spinMicros) {
    }

    /** {@code voicemail:} — call flow settings. */
    public record Voicemail(@JsonProperty("maxMessageSeconds") Integer maxMessageSeconds,
                            @JsonProperty("silenceSeconds") Integer silenceSeconds,
                            String language) {
    }

    /** {@code pbx:} — the SIP trunk to the PBX: registration, failover to a backup PBX, trusted sources. */
    public record Pbx(String primary, String backup, String user, String password, Integer expires,
                      List<String> trusted, String untrusted, @JsonProperty("pingSeconds") Integer pingSeconds,
                      String failback) {
    }

    /** {@code peer:} — how a primary and its backup reach each other. */
    public record Peer(String nats, String network, @JsonProperty("primaryDomain") String primaryDomain, String sip) {
    }

    /** A file with nothing in it. */
    public static ConfigFile empty() {
        return new ConfigFile(null, null, null, null, null, null, null, null, null, null, null);
    }
}
