package postbox.sip;

import gov.nist.javax.sip.header.SIPHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.message.Response;

/** Reads the digest challenges out of a 401 / 407 response. Stateless; thread-safe. */
final class Challenges {

    private Challenges() {
    }

    /** The challenges Postbox can answer in {@code WWW-Authenticate} and {@code Proxy-Authenticate}, in order. */
    static List<DigestChallenge> of(Response response) {
        List<String> values = new ArrayList<>();
        for (String name : List.of("WWW-Authenticate", "Proxy-Authenticate")) {
            ListIterator<?> headers = response.getHeaders(name);
            while (headers != null && headers.hasNext()) {
                if (headers.next() instanceof SIPHeader header) {
                    values.add(header.getHeaderValue());
                }
            }
        }
        return DigestChallenge.parseAll(values);
    }
}
