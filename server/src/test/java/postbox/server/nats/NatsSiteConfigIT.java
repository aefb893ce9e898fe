package postbox.server.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import postbox.server.config.HostPort;

/** What {@code bin/postbox nats-config} writes is a configuration nats-server accepts ({@code nats-server -t}). */
class NatsSiteConfigIT {

    @TempDir
    Path dir;

    private static NatsSiteConfig hub(Path store) {
        return new NatsSiteConfig(NatsSiteConfig.Kind.HUB, new HostPort("127.0.0.1", 4222), store, Optional.of("hub"),
                Optional.of(new HostPort("127.0.0.1", 7422)), Optional.empty());
    }

    private String natsServerTest(NatsSiteConfig config) throws Exception {
        Path file = dir.resolve(config.kind() + ".conf");
        Files.writeString(file, config.text());
        Process check = new ProcessBuilder("nats-server", "-t", "-c", file.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(config.text() + "\n" + out).isZero();
        return out;
    }

    @Test
    void eachKindOfSiteIsAConfigurationNatsServerAccepts() throws Exception {
        natsServerTest(new NatsSiteConfig(NatsSiteConfig.Kind.SINGLE, new HostPort("127.0.0.1", 4222),
                dir.resolve("js"), Optional.empty(), Optional.empty(), Optional.empty()));
        natsServerTest(hub(dir.resolve("hub")));
        natsServerTest(new NatsSiteConfig(NatsSiteConfig.Kind.LEAF, new HostPort("127.0.0.1", 4223), dir.resolve("leaf"),
                Optional.of("leaf"), Optional.empty(), Optional.of(new HostPort("127.0.0.1", 7422))));
    }

    @Test
    void theHubNamesItsDomainAndLeafListener() {
        String text = hub(dir.resolve("hub")).text();
        assertThat(text).contains("listen: 127.0.0.1:4222", "domain: hub", "leafnodes {\n  listen: 127.0.0.1:7422");
    }

    @Test
    void aSiteMissingWhatItsKindNeedsIsRefusedWithASentence() {
        assertThatThrownBy(() -> new NatsSiteConfig(NatsSiteConfig.Kind.LEAF, new HostPort("127.0.0.1", 4223), dir,
                Optional.of("leaf"), Optional.empty(), Optional.empty())).hasMessage("a leaf needs --hub HOST:PORT (and no --leafnodes)");
        assertThatThrownBy(() -> new NatsSiteConfig(NatsSiteConfig.Kind.HUB, new HostPort("127.0.0.1", 4222), dir,
                Optional.empty(), Optional.of(new HostPort("127.0.0.1", 7422)), Optional.empty()))
                .hasMessage("a hub needs a JetStream --domain");
    }
}
