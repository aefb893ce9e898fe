package postbox.sip;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link SourcePolicy} to a new INVITE or SUBSCRIBE: trusted sources pass as trusted; the others pass
 * untrusted ({@link Untrusted#ACCEPT}), are refused ({@link Untrusted#REFUSE}), or must answer a digest challenge
 * with the policy's credentials ({@link Untrusted#CHALLENGE}: 407 with SHA-256 and MD5 challenges; wrong
 * credentials are refused, never challenged again; a stale nonce with right credentials is challenged with
 * {@code stale=true}). Pure decisions; thread-safe.
 */
final class SourceGate {

    private static final Logger log = LoggerFactory.getLogger(SourceGate.class);

    /** What the request gets. */
    sealed interface Verdict {
        /** It goes on; {@code trusted} as in {@link IncomingCall#trustedSource()}. */
        record Admit(boolean trusted) implements Verdict {
        }

        /** 407 Proxy Authentication Required with these {@code Proxy-Authenticate} values, in this order. */
        record Challenge(List<String> proxyAuthenticate) implements Verdict {
        }

        /** 403 Forbidden. */
        record Refuse(String why) implements Verdict {
        }
    }

    private final SourcePolicy policy;
    private final NonceMint nonces;

    SourceGate(SourcePolicy policy, NonceMint nonces) {
        this.policy = policy;
        this.nonces = nonces;
    }

    /**
     * @param source             where the request came from
     * @param method             its method (for the digest)
     * @param proxyAuthorization its {@code Proxy-Authorization} value, if any
     */
    Verdict check(InetAddress source, String method, Optional<String> proxyAuthorization) {
        if (policy.trusts(source)) {
            return new Verdict.Admit(true);
        }
        return switch (policy.untrusted()) {
            case ACCEPT -> new Verdict.Admit(false);
            case REFUSE -> new Verdict.Refuse("source " + source.getHostAddress() + " is not trusted");
            case CHALLENGE -> challenge(source, method, proxyAuthorization.flatMap(DigestCredentials::parse)
                    .filter(c -> c.realm().equals(policy.realm())));
        };
    }

    private Verdict challenge(InetAddress source, String method, Optional<DigestCredentials> answer) {
        if (answer.isEmpty()) {
            return challenge(false);
        }
        DigestCredentials credentials = answer.get();
        boolean right = credentials.username().equals(policy.user())
                && DigestAuth.verify(credentials, method, policy.password());
        return switch (nonces.check(credentials.nonce())) {
            case UNKNOWN -> challenge(false);
            case STALE -> right ? challenge(true) : refuse(source, method, credentials);
            case FRESH -> right ? new Verdict.Admit(false) : refuse(source, method, credentials);
        };
    }

    private static Verdict refuse(InetAddress source, String method, DigestCredentials credentials) {
        log.warn("{} from {} answered the challenge with wrong credentials (user '{}'): 403",
                method, source.getHostAddress(), credentials.username());
        return new Verdict.Refuse("wrong credentials from " + source.getHostAddress());
    }

    /**
     * MD5 first, then SHA-256. RFC 7616 asks for the preferred challenge first, but many phones (and SIPp 3.6)
     * read only the first header and know only MD5: they would fail the call. A client that reads them all still
     * finds SHA-256.
     */
    private Verdict challenge(boolean stale) {
        String nonce = nonces.issue();
        return new Verdict.Challenge(List.of(
                new DigestChallenge(policy.realm(), nonce, DigestAlgorithm.MD5, true, true, Optional.empty(),
                        stale).headerValue(),
                new DigestChallenge(policy.realm(), nonce, DigestAlgorithm.SHA_256, true, true, Optional.empty(),
                        stale).headerValue()));
    }
}
