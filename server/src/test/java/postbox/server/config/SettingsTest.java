package postbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import postbox.sip.FailbackMode;
import postbox.sip.PbxAddress;
import postbox.sip.Transport;
import postbox.sip.TrunkConfig;
import postbox.sip.Untrusted;
import postbox.store.CallFlowSettings;

class SettingsTest {

    @TempDir
    Path dir;

    private Settings load(String yaml) throws IOException {
        Path file = dir.resolve("postbox.yaml");
        Files.writeString(file, yaml);
        return Settings.from(ConfigLoader.load(file), file.toString(), Settings.Overrides.NONE);
    }

    @Test
    void defaultsFollowTheOperatorContract() {
        Settings s = Settings.from(ConfigFile.empty(), "(defaults)", Settings.Overrides.NONE);
        assertThat(s.role()).isEqualTo(Role.STANDALONE);
        assertThat(s.sip()).isEqualTo(new HostPort("127.0.0.1", 5060));
        assertThat(s.http()).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(s.data()).isEqualTo(Path.of("postbox-data"));
        assertThat(s.collectUsers()).containsExactlyInAnyOrder("*17", "collect");
        assertThat(s.callFlow()).isEqualTo(new CallFlowSettings(120, 5));
        assertThat(s.rtpTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.spinMargin()).isEqualTo(Duration.ofMillis(1));
        assertThat(s.demo()).isFalse();
        assertThat(s.adminToken()).isEmpty();
        assertThat(s.codecs()).startsWith("PCMU", "PCMA").contains("G722", "speex/16000", "speex/8000");
        assertThat(s.srtp()).isTrue();
    }

    @Test
    void readsEveryKey() throws IOException {
        Settings s = load("""
                node: { name: site-a, role: standalone, ports: 4, timezone: Europe/London }
                sip: { listen: 127.0.0.1:5070, codecs: [pcma, PCMU, g722, Speex], collect: ["*98"], srtp: false }
                http: { listen: 127.0.0.1:8181, token: abcdefghijklmnopqrstuvwxyz }
                media: { address: 127.0.0.1, rtpPorts: 30000-30999, clocks: 1, rtpTimeoutSeconds: 10, spinMicros: 250 }
                data: /tmp/pb
                voicemail: { maxMessageSeconds: 60, silenceSeconds: 3, language: en }
                demo: true
                """);
        assertThat(s.nodeName()).isEqualTo("site-a");
        assertThat(s.ports()).isEqualTo(4);
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(s.sip().port()).isEqualTo(5070);
        assertThat(s.codecs()).containsExactly("PCMA", "PCMU", "G722", "speex/8000");
        assertThat(s.srtp()).isFalse();
        assertThat(s.collectUsers()).containsExactly("*98");
        assertThat(s.adminToken()).contains("abcdefghijklmnopqrstuvwxyz");
        assertThat(s.rtpPortMin()).isEqualTo(30000);
        assertThat(s.rtpPortMax()).isEqualTo(30999);
        assertThat(s.clocks()).isEqualTo(1);
        assertThat(s.rtpTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.spinMargin()).isEqualTo(Duration.ofNanos(250_000));
        assertThat(s.data()).isEqualTo(Path.of("/tmp/pb"));
        assertThat(s.callFlow()).isEqualTo(new CallFlowSettings(60, 3));
        assertThat(s.demo()).isTrue();
    }

    @Test
    void readsTheTrunk() throws IOException {
        Settings s = load("""
                pbx:
                  primary: 127.0.0.1:5080
                  backup: 127.0.0.1:5082;transport=tcp
                  user: vmpro
                  password: secret
                  expires: 120
                  trusted: [127.0.0.1, 10.0.0.7]
                  untrusted: challenge
                  pingSeconds: 1
                  failback: immediate
                """);
        TrunkConfig trunk = s.trunk().orElseThrow();
        assertThat(trunk.primary()).isEqualTo(new PbxAddress("127.0.0.1", 5080, Transport.UDP));
        assertThat(trunk.backup()).contains(new PbxAddress("127.0.0.1", 5082, Transport.TCP));
        assertThat(trunk.user()).isEqualTo("vmpro");
        assertThat(trunk.expires()).isEqualTo(Duration.ofSeconds(120));
        assertThat(trunk.pingInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(trunk.failback()).isEqualTo(FailbackMode.IMMEDIATE);
        assertThat(s.sources().untrusted()).isEqualTo(Untrusted.CHALLENGE);
        assertThat(s.sources().trusts(InetAddress.getByName("10.0.0.7"))).isTrue();
        assertThat(s.sources().trusts(InetAddress.getByName("127.0.0.5"))).isFalse();
        assertThat(s.sources().user()).isEqualTo("vmpro");
    }

    @Test
    void withoutATrunkEveryoneMayCallAndDemoTrustsLoopback() throws Exception {
        Settings plain = Settings.from(ConfigFile.empty(), "(defaults)", Settings.Overrides.NONE);
        assertThat(plain.trunk()).isEmpty();
        assertThat(plain.sources().untrusted()).isEqualTo(Untrusted.ACCEPT);
        assertThat(plain.sources().trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
        Settings demo = Settings.from(ConfigFile.empty(), "(defaults)", new Settings.Overrides(null, null, null, true));
        assertThat(demo.sources().trusts(InetAddress.getByName("127.0.0.5"))).isTrue();
    }

    @Test
    void aBackupHasAPeerAndAFailbackPolicy() throws IOException {
        Settings s = load("""
                node: { role: backup, name: site-b, ports: 10 }
                peer: { nats: 'nats://127.0.0.1:4223', network: acme, primaryDomain: hub, sip: '127.0.0.1:5060' }
                failback: automatic
                failbackTimeout: 15m
                """);
        assertThat(s.role()).isEqualTo(Role.BACKUP);
        Settings.PeerLink peer = s.peer().orElseThrow();
        assertThat(peer.nats()).isEqualTo("nats://127.0.0.1:4223");
        assertThat(peer.network()).isEqualTo("acme");
        assertThat(peer.primaryDomain()).contains("hub");
        assertThat(peer.primarySip()).contains(new HostPort("127.0.0.1", 5060));
        assertThat(s.failback()).isEqualTo(new FailbackPolicy(FailbackPolicy.Mode.AUTOMATIC, Duration.ofMinutes(15)));

        Settings primary = load("node: { role: primary }\npeer: { nats: 'nats://127.0.0.1:4222' }\n");
        assertThat(primary.peer().orElseThrow().network()).isEqualTo("postbox");
        assertThat(primary.peer().orElseThrow().primaryDomain()).isEmpty();
        assertThat(primary.failback()).isEqualTo(FailbackPolicy.DEFAULT);
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "sip: { listen: 127.0.0.1:5070 }\ndata: /tmp/a\n");
        Settings s = Settings.from(ConfigLoader.load(file), file.toString(),
                new Settings.Overrides("127.0.0.1:6000", "127.0.0.1:6001", Path.of("/tmp/b"), true));
        assertThat(s.sip().port()).isEqualTo(6000);
        assertThat(s.http().port()).isEqualTo(6001);
        assertThat(s.data()).isEqualTo(Path.of("/tmp/b"));
        assertThat(s.demo()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "node: { ports: 0 }                    | node.ports",
            "node: { ports: many }                 | node.ports",
            "node: { role: boss }                  | node.role",
            "node: { role: central }               | node.role",
            "node: { role: backup }                | peer.nats",
            "peer: { nats: 'nats://127.0.0.1:4222' } | peer",
            "{ node: { role: backup }, peer: { nats: 'http://x:1' } } | peer.nats",
            "{ node: { role: backup }, peer: { nats: 'nats://127.0.0.1:4222', network: Bad_Net } } | peer.network",
            "{ node: { role: primary }, peer: { nats: 'nats://127.0.0.1:4222', sip: '127.0.0.1:5060' } } | peer.sip",
            "failback: sometimes                    | failback",
            "failbackTimeout: 61m                   | failbackTimeout",
            "failbackTimeout: soon                  | failbackTimeout",
            "node: { timezone: Mars/Olympus }      | node.timezone",
            "node: { prots: 3 }                    | prots",
            "sip: { listen: localhost }            | sip.listen",
            "sip: { listen: '127.0.0.1:99999' }    | sip.listen",
            "sip: { codecs: [G729] }               | sip.codecs",
            "http: { token: short }                | http.token",
            "media: { rtpPorts: 5-6 }              | media.rtpPorts",
            "media: { spinMicros: 6000 }           | media.spinMicros",
            "voicemail: { maxMessageSeconds: 4000 }| voicemail.maxMessageSeconds",
            "voicemail: { silenceSeconds: 61 }| voicemail.silenceSeconds",
            "voicemail: { language: fr }           | voicemail.language",
            "pbx: { user: a, password: b }         | pbx.primary",
            "pbx: { primary: 'x:y', user: a, password: b } | pbx.primary",
            "pbx: { primary: '127.0.0.1:5080', password: b } | pbx.user",
            "pbx: { primary: '127.0.0.1:5080', user: a } | pbx.password",
            "pbx: { primary: '127.0.0.1:5080', user: a, password: b, expires: 5 } | pbx.expires",
            "pbx: { primary: '127.0.0.1:5080', user: a, password: b, trusted: [pbx.example] } | pbx.trusted",
            "pbx: { primary: '127.0.0.1:5080', user: a, password: b, untrusted: maybe } | pbx.untrusted",
            "pbx: { primary: '127.0.0.1:5080', user: a, password: b, failback: never } | pbx.failback",
    })
    void aBadValueNamesTheKeyAndTheFile(String yaml, String key) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("postbox.yaml").toString())
                .hasMessageContaining(key);
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> load("node:\n  ports: 3\n  name: {unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("postbox.yaml")
                .hasMessageContaining("line");
        assertThatThrownBy(() -> load("node: [a, b]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config " + dir.resolve("postbox.yaml") + ": key 'node' (line 1): expected a section of"
                        + " 'key: value' lines");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml").hasMessageContaining("no such file");
    }

    @Test
    void aBadFlagNamesTheFlag() {
        assertThatThrownBy(() -> Settings.from(ConfigFile.empty(), "(defaults)",
                new Settings.Overrides("nohostport", null, null, false)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("option --sip:");
    }
}
