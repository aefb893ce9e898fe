package postbox.sip;

import java.net.InetAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which sources may send Postbox calls without proving who they are, and what the others get. The endpoint adds
 * the trunk's PBX addresses to {@code trusted} when a trunk is configured. Immutable.
 *
 * @param trusted       addresses trusted as they are (pbx.trusted)
 * @param trustLoopback whether every loopback address (127/8, ::1) is trusted too (e.g. for demos)
 * @param untrusted     what an INVITE from any other address gets
 * @param realm         the digest realm of the 407 challenge
 * @param user          the user a challenged source must answer with
 * @param password      that user's password
 */
public record SourcePolicy(Set<InetAddress> trusted, boolean trustLoopback, Untrusted untrusted, String realm,
                           String user, String password) {

    public SourcePolicy {
        trusted = Set.copyOf(trusted);
        Objects.requireNonNull(untrusted, "untrusted");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (untrusted == Untrusted.CHALLENGE && (realm.isBlank() || user.isBlank() || password.isEmpty())) {
            throw new IllegalArgumentException("challenging untrusted sources needs a realm, a user and a password");
        }
        if (realm.contains("\"") || user.contains("\"")) {
            throw new IllegalArgumentException("the digest realm and user must not contain quotes");
        }
    }

    /** Everything accepted, nothing trusted: the standalone default. */
    public static SourcePolicy open() {
        return new SourcePolicy(Set.of(), false, Untrusted.ACCEPT, "postbox", "", "");
    }

    /** True when {@code source} may send calls as it is. */
    public boolean trusts(InetAddress source) {
        return trusted.contains(source) || (trustLoopback && source.isLoopbackAddress());
    }

    /** This policy with more trusted addresses (the PBXs'). */
    public SourcePolicy withTrusted(Collection<InetAddress> more) {
        Set<InetAddress> all = new HashSet<>(trusted);
        all.addAll(more);
        return new SourcePolicy(all, trustLoopback, untrusted, realm, user, password);
    }
}
