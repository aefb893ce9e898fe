package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourcePolicyTest {

    @Test
    void openTrustsNothingAndAcceptsEverything() throws Exception {
        SourcePolicy open = SourcePolicy.open();

        assertThat(open.trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(open.untrusted()).isEqualTo(Untrusted.ACCEPT);
    }

    @Test
    void trustsTheListedAddressesAndLoopbackOnlyWhenAsked() throws Exception {
        InetAddress pbx = InetAddress.getByName("10.1.2.3");
        SourcePolicy listed = new SourcePolicy(Set.of(pbx), false, Untrusted.REFUSE, "r", "", "");
        SourcePolicy withLoopback = new SourcePolicy(Set.of(), true, Untrusted.REFUSE, "r", "", "");

        assertThat(listed.trusts(pbx)).isTrue();
        assertThat(listed.trusts(InetAddress.getByName("10.1.2.4"))).isFalse();
        assertThat(listed.trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(withLoopback.trusts(InetAddress.getByName("127.0.0.5"))).isTrue();
        assertThat(withLoopback.trusts(InetAddress.getByName("::1"))).isTrue();
        assertThat(withLoopback.trusts(pbx)).isFalse();
    }

    @Test
    void withTrustedAddsAddressesAndKeepsTheRest() throws Exception {
        InetAddress pbx = InetAddress.getByName("10.1.2.3");
        SourcePolicy policy = new SourcePolicy(Set.of(), false, Untrusted.CHALLENGE, "r", "u", "p")
                .withTrusted(List.of(pbx));

        assertThat(policy.trusts(pbx)).isTrue();
        assertThat(policy.untrusted()).isEqualTo(Untrusted.CHALLENGE);
        assertThat(policy.user()).isEqualTo("u");
    }

    @Test
    void challengingNeedsCredentials() {
        assertThatThrownBy(() -> new SourcePolicy(Set.of(), false, Untrusted.CHALLENGE, "r", "", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a user");
    }
}
