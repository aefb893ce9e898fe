package postbox.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import postbox.sip.DivertReason;
import postbox.sip.Diversion;
import postbox.sip.IncomingCall;
import postbox.sip.MediaDirection;
import postbox.sip.MediaOffer;
import postbox.sip.Party;
import postbox.sip.Transport;
import postbox.store.GreetingKind;

class CallRouterTest {

    private final CallRouter router = new CallRouter(Set.of("*17", "collect"),
            user -> Set.of("201", "202").contains(user));

    /** A call; a source of 127.0.0.1 stands for a trusted PBX here. */
    private static IncomingCall call(String requestUser, String fromUser, String source, Diversion diversion) {
        MediaOffer media = new MediaOffer(new InetSocketAddress("127.0.0.1", 4000), "PCMU", 0, 8000, 101, 20,
                MediaDirection.SENDRECV);
        return new IncomingCall("c1", new Party(fromUser, "", "sip:" + fromUser + "@pbx"),
                new Party(requestUser, "", "sip:" + requestUser + "@pb"), requestUser, Optional.ofNullable(diversion),
                new InetSocketAddress(source, 5060), Transport.UDP, media, source.equals("127.0.0.1"));
    }

    @Test
    void aMailboxNumberLeavesAMessage() {
        assertThat(router.route(call("201", "300", "127.0.0.1", null))).isEqualTo(new Route.Leave("201", null));
    }

    @Test
    void diversionNamesTheMailboxAndTheGreeting() {
        assertThat(router.route(call("vm", "300", "127.0.0.1", new Diversion("202", DivertReason.BUSY))))
                .isEqualTo(new Route.Leave("202", GreetingKind.BUSY));
        assertThat(router.route(call("vm", "300", "127.0.0.1", new Diversion("202", DivertReason.NO_ANSWER))))
                .isEqualTo(new Route.Leave("202", GreetingKind.NOANSWER));
        assertThat(router.route(call("201", "300", "127.0.0.1", new Diversion("202", DivertReason.UNCONDITIONAL))))
                .isEqualTo(new Route.Leave("202", null));
    }

    @Test
    void aDiversionToNoMailboxFallsBackToTheRequestUser() {
        assertThat(router.route(call("201", "300", "127.0.0.1", new Diversion("999", DivertReason.BUSY))))
                .isEqualTo(new Route.Leave("201", null));
    }

    @Test
    void collectRecognisesAMailboxCallerOnlyFromATrustedSource() {
        assertThat(router.route(call("*17", "201", "127.0.0.1", null)))
                .isEqualTo(new Route.Collect(Optional.of("201")));
        assertThat(router.route(call("collect", "201", "127.0.0.5", null)))
                .isEqualTo(new Route.Collect(Optional.empty()));
        assertThat(router.route(call("*17", "sipp", "127.0.0.1", null)))
                .isEqualTo(new Route.Collect(Optional.empty()));
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(router.route(call("999", "300", "127.0.0.1", null))).isEqualTo(new Route.Unknown("999"));
        assertThat(router.route(call("", "300", "127.0.0.1", null))).isEqualTo(new Route.Unknown(""));
    }
}
