package postbox.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import postbox.media.MediaConfig;
import postbox.media.codec.CodecFormat;
import postbox.media.codec.Codecs;
import postbox.sip.FailbackMode;
import postbox.sip.PbxAddress;
import postbox.sip.SdpCodecs;
import postbox.sip.SourcePolicy;
import postbox.sip.TrunkConfig;
import postbox.sip.Untrusted;
import postbox.store.CallFlowSettings;
import postbox.store.MailboxPreferences;

/**
 * A node's validated configuration with every default filled in: the config file, then the command-line flags
 * on top. Immutable.
 *
 * @param nodeName     {@code node.name}
 * @param role         {@code node.role}
 * @param ports        {@code node.ports}: concurrent calls before 503
 * @param zone         {@code node.timezone}: for "received at" announcements
 * @param sip          {@code sip.listen}: UDP and TCP
 * @param codecs       {@code sip.codecs}: accepted audio codecs in preference order (SDP spelling)
 * @param srtp         {@code sip.srtp}: accept RTP/SAVP offers (SDES keys)
 * @param collectUsers {@code sip.collect}: Request-URI users that start mailbox collection
 * @param http         {@code http.listen}: the admin API
 * @param adminToken   {@code http.token}; empty means generated into DATA/admin-token
 * @param mediaAddress {@code media.address}: where RTP is bound and advertised (default: the SIP host)
 * @param rtpPortMin   first RTP port of {@code media.rtpPorts}
 * @param rtpPortMax   last RTP port of {@code media.rtpPorts}
 * @param clocks       {@code media.clocks}: paced media clocks (default: one per core)
 * @param rtpTimeout   {@code media.rtpTimeoutSeconds}
 * @param spinMargin   {@code media.spinMicros}: how long before each deadline a clock spins instead of parking
 * @param data         {@code data}: the data folder
 * @param callFlow     {@code voicemail.maxMessageSeconds} and {@code voicemail.silenceSeconds}: the call-flow settings
 *                     until an admin sets others through the API
 * @param language     {@code voicemail.language}: the prompt set
 * @param trunk        {@code pbx:}: the trunk to the PBX, when configured
 * @param sources      who may send calls: {@code pbx.trusted}, {@code pbx.untrusted}, loopback with {@code demo}
 * @param peer         {@code peer:}: the link of a primary or backup node to the other
 * @param failback     {@code failback} and {@code failbackTimeout}: when an active backup hands back
 * @param demo         {@code demo}: demo mailboxes, calls from any loopback address
 */
public record Settings(String nodeName, Role role, int ports, ZoneId zone, HostPort sip, List<String> codecs,
                       boolean srtp, Set<String> collectUsers, HostPort http, Optional<String> adminToken, InetAddress mediaAddress,
                       int rtpPortMin, int rtpPortMax, int clocks, Duration rtpTimeout, Duration spinMargin,
                       Path data, CallFlowSettings callFlow, String language, Optional<TrunkConfig> trunk,
                       SourcePolicy sources, Optional<PeerLink> peer, FailbackPolicy failback, boolean demo) {

    /**
     * {@code peer:} of a primary or backup node.
     *
     * @param nats          this site's NATS server ({@code nats://host:port})
     * @param network       the prefix of every bucket and subject the two nodes share
     * @param primaryDomain the JetStream domain of the primary's site when the sites are joined by leaf nodes; empty
     *                      when both nodes use one server
     * @param primarySip    on a backup: the primary node's SIP address, pinged with OPTIONS as a second sign of life
     */
    public record PeerLink(String nats, String network, Optional<String> primaryDomain, Optional<HostPort> primarySip) {
    }

    /**
     * What a node accepts unless {@code sip.codecs} says otherwise: G.711 first (messages, greetings and prompts are
     * 8 kHz, so wideband adds CPU and no quality), then every wideband codec this build speaks.
     */
    public static final List<String> DEFAULT_CODECS = java.util.stream.Stream.concat(java.util.stream.Stream.of("PCMU", "PCMA"),
            Codecs.supported().stream().map(CodecFormat::token).filter(t -> !t.startsWith("PCM"))).toList();

    /** Command-line flags that override the file; null fields leave the file's value. */
    public record Overrides(String sip, String http, Path data, boolean demo) {
        public static final Overrides NONE = new Overrides(null, null, null, false);
    }

    /**
     * Validates {@code file} (read from {@code source}, named in errors) with {@code flags} on top.
     *
     * @throws ConfigException naming the source and the key of the first problem
     */
    public static Settings from(ConfigFile file, String source, Overrides flags) {
        Check check = new Check(source);
        ConfigFile.Node node = orEmpty(file.node(), () -> new ConfigFile.Node(null, null, null, null));
        ConfigFile.Sip sip = orEmpty(file.sip(), () -> new ConfigFile.Sip(null, null, null, null));
        ConfigFile.Http http = orEmpty(file.http(), () -> new ConfigFile.Http(null, null));
        ConfigFile.Media media = orEmpty(file.media(), () -> new ConfigFile.Media(null, null, null, null, null));
        ConfigFile.Voicemail vm = orEmpty(file.voicemail(), () -> new ConfigFile.Voicemail(null, null, null));

        String name = check.value("node.name", node.name() == null ? hostName() : node.name(), n -> {
            if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                throw new IllegalArgumentException("letters, digits, '.', '_' and '-' only (1-63), got '" + n + "'");
            }
            return n;
        });
        Role role = check.value("node.role", node.role() == null ? "standalone" : node.role(), r -> {
            Role parsed;
            try {
                parsed = Role.valueOf(r.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected standalone, primary, backup, central or distributed, got '"
                        + r + "'");
            }
            if (parsed == Role.CENTRAL || parsed == Role.DISTRIBUTED) {
                throw new IllegalArgumentException("role '" + r + "' is not available in this version"
                        + " (standalone, primary or backup)");
            }
            return parsed;
        });
        int ports = check.positive("node.ports", node.ports(), 30);
        ZoneId zone = check.value("node.timezone", node.timezone(), z -> {
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + z + "' (e.g. Europe/London, UTC)");
            }
        }, ZoneId.systemDefault());

        HostPort sipListen = check.value(flags.sip() != null ? "--sip" : "sip.listen",
                flags.sip() != null ? flags.sip() : sip.listen(), HostPort::parse, new HostPort("127.0.0.1", 5060));
        List<String> codecs = check.value("sip.codecs", sip.codecs(), Settings::codecs, DEFAULT_CODECS);
        boolean srtp = !Boolean.FALSE.equals(sip.srtp());
        Set<String> collect = check.value("sip.collect", sip.collect(), list -> {
            if (list.isEmpty() || list.stream().anyMatch(u -> u == null || u.isBlank())) {
                throw new IllegalArgumentException("a list of non-empty SIP user parts, e.g. [\"*17\", collect]");
            }
            return Set.copyOf(list);
        }, Set.of("*17", "collect"));

        HostPort httpListen = check.value(flags.http() != null ? "--http" : "http.listen",
                flags.http() != null ? flags.http() : http.listen(), HostPort::parse, new HostPort("127.0.0.1", 8080));
        Optional<String> token = Optional.ofNullable(check.value("http.token", http.token(), t -> {
            if (t.length() < 16 || !t.matches("[\\x21-\\x7e]+")) {
                throw new IllegalArgumentException("at least 16 printable characters without spaces");
            }
            return t;
        }, null));

        InetAddress mediaAddress = check.value("media.address",
                media.address() == null ? sipListen.host() : media.address(), Settings::address);
        int[] range = check.value("media.rtpPorts", media.rtpPorts(), Settings::portRange, new int[] {20000, 29999});
        int clocks = check.positive("media.clocks", media.clocks(), Runtime.getRuntime().availableProcessors());
        Duration rtpTimeout = Duration.ofSeconds(check.positive("media.rtpTimeoutSeconds", media.rtpTimeoutSeconds(), 30));
        Duration spinMargin = Duration.ofNanos(1000L * check.value("media.spinMicros", media.spinMicros(), micros -> {
            if (micros < 0 || micros > 5000) {
                throw new IllegalArgumentException("must be from 0 to 5000 (microseconds), got " + micros);
            }
            return micros;
        }, (int) (MediaConfig.DEFAULT_SPIN_MARGIN.toNanos() / 1000)));

        Path data = flags.data() != null ? flags.data()
                : check.value("data", file.data(), Path::of, Path.of("postbox-data"));

        int maxMessage = check.positive("voicemail.maxMessageSeconds", vm.maxMessageSeconds(), 120);
        if (maxMessage > MailboxPreferences.MAX_MESSAGE_CAP_SECONDS) {
            throw new ConfigException("config " + source + ": key 'voicemail.maxMessageSeconds': at most "
                    + MailboxPreferences.MAX_MESSAGE_CAP_SECONDS + " (60 min), got " + maxMessage);
        }
        int silence = check.positive("voicemail.silenceSeconds", vm.silenceSeconds(), 5);
        if (silence > CallFlowSettings.MAX_SILENCE_SECONDS) {
            throw new ConfigException("config " + source + ": key 'voicemail.silenceSeconds': at most "
                    + CallFlowSettings.MAX_SILENCE_SECONDS + ", got " + silence);
        }
        String language = check.value("voicemail.language", vm.language(), l -> {
            if (!l.equals("en")) {
                throw new IllegalArgumentException("only 'en' prompts ship with this version, got '" + l + "'");
            }
            return l;
        }, "en");
        boolean demo = flags.demo() || Boolean.TRUE.equals(file.demo());
        Optional<TrunkConfig> trunk = Optional.ofNullable(file.pbx()).map(pbx -> trunk(check, pbx));
        SourcePolicy sources = file.pbx() == null
                ? new SourcePolicy(Set.of(), demo, Untrusted.ACCEPT, "postbox", "", "")
                : sources(check, file.pbx(), demo);
        Optional<PeerLink> peer = peer(check, role, file.peer());
        FailbackPolicy failback = failback(check, file);
        return new Settings(name, role, ports, zone, sipListen, codecs, srtp, collect, httpListen, token, mediaAddress,
                range[0], range[1], clocks, rtpTimeout, spinMargin, data, new CallFlowSettings(maxMessage, silence),
                language, trunk, sources, peer, failback, demo);
    }

    private static Optional<PeerLink> peer(Check check, Role role, ConfigFile.Peer peer) {
        boolean paired = role == Role.PRIMARY || role == Role.BACKUP;
        if (!paired) {
            if (peer != null) {
                throw new ConfigException(check.where("peer") + "only primary and backup nodes have a peer (node.role is "
                        + role.token() + ")");
            }
            return Optional.empty();
        }
        if (peer == null || peer.nats() == null) {
            throw new ConfigException(check.where("peer.nats") + "required for a " + role.token()
                    + " node (this site's NATS server, e.g. nats://127.0.0.1:4222)");
        }
        String nats = check.value("peer.nats", peer.nats(), url -> {
            if (!url.matches("nats://[A-Za-z0-9.\\-]+:[0-9]{1,5}")) {
                throw new IllegalArgumentException("expected nats://HOST:PORT, got '" + url + "'");
            }
            return url;
        });
        String network = check.value("peer.network", peer.network(), n -> {
            if (!n.matches("[a-z][a-z0-9-]{0,30}")) {
                throw new IllegalArgumentException("lower-case letters, digits and '-' (up to 31), got '" + n + "'");
            }
            return n;
        }, "postbox");
        Optional<String> domain = Optional.ofNullable(check.value("peer.primaryDomain", peer.primaryDomain(), d -> {
            if (!d.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("a JetStream domain name (letters, digits, _ and -), got '" + d + "'");
            }
            return d;
        }, null));
        Optional<HostPort> sip = Optional.ofNullable(check.value("peer.sip", peer.sip(), HostPort::parse, null));
        if (sip.isPresent() && role != Role.BACKUP) {
            throw new ConfigException(check.where("peer.sip") + "only a backup pings its primary over SIP");
        }
        return Optional.of(new PeerLink(nats, network, domain, sip));
    }

    private static FailbackPolicy failback(Check check, ConfigFile file) {
        FailbackPolicy.Mode mode = check.value("failback", file.failback(), m -> {
            try {
                return FailbackPolicy.Mode.valueOf(m.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected manual, graceful or automatic, got '" + m + "'");
            }
        }, FailbackPolicy.DEFAULT.mode());
        Duration timeout = check.value("failbackTimeout", file.failbackTimeout(), Settings::minutesOrSeconds,
                FailbackPolicy.DEFAULT.timeout());
        if (timeout.compareTo(FailbackPolicy.MAX_TIMEOUT) > 0) {
            throw new ConfigException(check.where("failbackTimeout") + "at most 60m, got " + file.failbackTimeout());
        }
        return new FailbackPolicy(mode, timeout);
    }

    /** {@code 10m} or {@code 90s}. */
    private static Duration minutesOrSeconds(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,5})([ms])").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected minutes or seconds like 10m or 90s, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
    }

    private static TrunkConfig trunk(Check check, ConfigFile.Pbx pbx) {
        PbxAddress primary = check.value("pbx.primary", check.required("pbx.primary", pbx.primary()), PbxAddress::parse);
        Optional<PbxAddress> backup = Optional.ofNullable(check.value("pbx.backup", pbx.backup(), PbxAddress::parse, null));
        String user = check.value("pbx.user", check.required("pbx.user", pbx.user()), u -> {
            if (!u.matches("[A-Za-z0-9._*+-]{1,64}")) {
                throw new IllegalArgumentException("a SIP user name (letters, digits, . _ * + -), got '" + u + "'");
            }
            return u;
        });
        String password = check.required("pbx.password", pbx.password());
        int expires = check.positive("pbx.expires", pbx.expires(), 300);
        if (expires < 30) {
            throw new ConfigException(check.where("pbx.expires") + "at least 30 seconds, got " + expires);
        }
        int ping = check.positive("pbx.pingSeconds", pbx.pingSeconds(), 2);
        FailbackMode failback = check.value("pbx.failback", pbx.failback(), f -> switch (f) {
            case "idle" -> FailbackMode.WHEN_IDLE;
            case "immediate" -> FailbackMode.IMMEDIATE;
            default -> throw new IllegalArgumentException("expected idle or immediate, got '" + f + "'");
        }, FailbackMode.WHEN_IDLE);
        return new TrunkConfig(primary, backup, user, password, Duration.ofSeconds(expires), Duration.ofSeconds(ping),
                failback);
    }

    private static SourcePolicy sources(Check check, ConfigFile.Pbx pbx, boolean demo) {
        Set<InetAddress> trusted = check.value("pbx.trusted", pbx.trusted(), list -> {
            Set<InetAddress> addresses = new java.util.HashSet<>();
            for (String entry : list) {
                if (entry == null || !entry.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                    throw new IllegalArgumentException("IP addresses only, got '" + entry + "'");
                }
                addresses.add(address(entry));
            }
            return Set.copyOf(addresses);
        }, Set.of());
        Untrusted untrusted = check.value("pbx.untrusted", pbx.untrusted(), u -> switch (u) {
            case "refuse" -> Untrusted.REFUSE;
            case "challenge" -> Untrusted.CHALLENGE;
            default -> throw new IllegalArgumentException("expected refuse or challenge, got '" + u + "'");
        }, Untrusted.REFUSE);
        return new SourcePolicy(trusted, demo, untrusted, "postbox", pbx.user() == null ? "" : pbx.user(),
                pbx.password() == null ? "" : pbx.password());
    }

    /**
     * The codec preference, in SDP's spelling: every token known to the SIP side ({@code PCMU}, {@code G722},
     * {@code speex/16000}, ...) and to this build's media engine.
     */
    private static List<String> codecs(List<String> tokens) {
        if (tokens.isEmpty() || tokens.contains(null)) {
            throw new IllegalArgumentException("a list of codecs is needed, e.g. [G722, PCMU] (known: "
                    + SdpCodecs.known() + ")");
        }
        List<String> canonical = SdpCodecs.parse(tokens).tokens();
        List<String> available = Codecs.supported().stream().map(CodecFormat::token).toList();
        for (String token : canonical) {
            if (!available.contains(token)) {
                throw new IllegalArgumentException("codec '" + token + "' is not available in this build (available: "
                        + available + ")");
            }
        }
        return canonical;
    }

    private static <T> T orEmpty(T value, java.util.function.Supplier<T> empty) {
        return value != null ? value : empty.get();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }

    private static int[] portRange(String text) {
        String[] parts = text.split("-");
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
            if (parts.length != 2 || min < 1024 || max > 65535 || max - min < 3) {
                throw new NumberFormatException();
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a range like 20000-29999 within 1024-65535, got '" + text + "'");
        }
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return host.isEmpty() ? "postbox" : host.substring(0, Math.min(63, host.length()));
        } catch (UnknownHostException e) {
            return "postbox";
        }
    }

    /** Applies parsers and names the source and key in every error. */
    private record Check(String source) {

        <R, T> T value(String key, R raw, Function<R, T> parse) {
            try {
                return parse.apply(raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where(key) + e.getMessage());
            }
        }

        <R, T> T value(String key, R raw, Function<R, T> parse, T fallback) {
            return raw == null ? fallback : value(key, raw, parse);
        }

        <T> T required(String key, T raw) {
            if (raw == null) {
                throw new ConfigException(where(key) + "required when pbx is configured");
            }
            return raw;
        }

        int positive(String key, Integer raw, int fallback) {
            if (raw == null) {
                return fallback;
            }
            if (raw < 1) {
                throw new ConfigException(where(key) + "must be a positive number, got " + raw);
            }
            return raw;
        }

        String where(String key) {
            return key.startsWith("--") ? "option " + key + ": " : "config " + source + ": key '" + key + "': ";
        }
    }
}
