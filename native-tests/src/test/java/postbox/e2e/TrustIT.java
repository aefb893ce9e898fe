package postbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** With a trunk configured, calls from outside pbx.trusted (and the PBXs) are refused or challenged. */
class TrustIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed test leaves its logs
    Path dir;

    private static final String UNTRUSTED = "127.0.0.5";

    private static ServerProcess server(Path dir, String untrusted) {
        return new ServerProcess(dir, "pbx: { primary: '127.0.0.1:" + FreePorts.udpAndTcp()
                + "', user: vmpro, password: secret, trusted: [127.0.0.1], untrusted: " + untrusted + " }").withoutDemo();
    }

    private static void createMailbox(ServerProcess server) throws Exception {
        var created = server.request("POST", "/api/mailboxes",
                "{\"id\":\"250\",\"pin\":\"4826\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
    }

    @Test
    void anUntrustedSourceIsRefused() throws Exception {
        try (ServerProcess server = server(dir, "refuse").start()) {
            createMailbox(server);
            Peers.Sipp call = new Peers.Sipp(dir, "uac_expect_status.xml", "STATUS", "403", "NEED_HEADER", "SIP/2.0 403")
                    .callFrom(UNTRUSTED, "250", server.sipPort, FreePorts.udpRange(2)).start();
            assertThat(call.await(30)).as(call.output()).isZero();
        }
    }

    @Test
    void anUntrustedSourceIsChallengedAndLetInWithTheRightCredentialsOnly() throws Exception {
        try (ServerProcess server = server(dir, "challenge").start()) {
            createMailbox(server);
            Peers.Sipp good = new Peers.Sipp(dir, "uac_auth_call.xml")
                    .callFrom(UNTRUSTED, "250", server.sipPort, FreePorts.udpRange(2))
                    .with("-au", "vmpro", "-ap", "secret").start();
            assertThat(good.await(30)).as(good.output()).isZero();

            Peers.Sipp bad = new Peers.Sipp(dir, "uac_auth_refused.xml")
                    .callFrom(UNTRUSTED, "250", server.sipPort, FreePorts.udpRange(2))
                    .with("-au", "vmpro", "-ap", "guess").start();
            assertThat(bad.await(30)).as(bad.output()).isZero();
        }
    }
}
