package postbox.server.admin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One admin request as the route handlers see it: the path parameters matched by the route, the query, the body.
 * Used on the request's own (virtual) thread only.
 */
public final class ApiRequest {

    private final HttpExchange exchange;
    private final List<String> pathParams;
    private final Map<String, String> query;

    ApiRequest(HttpExchange exchange, List<String> pathParams) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    /** The {@code index}-th path parameter ({@code {id}} in the route), URL-decoded. */
    public String param(int index) {
        return pathParams.get(index);
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public InputStream body() {
        return exchange.getRequestBody();
    }

    public byte[] bodyBytes() throws IOException {
        return exchange.getRequestBody().readAllBytes();
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> result = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }
}
