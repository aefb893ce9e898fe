package postbox.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server (JDK {@code HttpServer}, one virtual thread per request): {@code /health} and
 * {@code /metrics} open, every {@code /api} route behind {@code Authorization: Bearer TOKEN}. Errors are JSON
 * {@code {"error": "..."}}. Thread-safe.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    /** JSON as the API writes it: ISO-8601 instants. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes;
    private final byte[] token;
    private final Supplier<String> metrics;

    private AdminServer(HttpServer server, ExecutorService executor, List<Route> routes, String token,
                        Supplier<String> metrics) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.metrics = metrics;
    }

    /**
     * Binds {@code address} and serves {@code api}'s routes.
     *
     * @param metrics the Prometheus text for {@code /metrics}
     */
    public static AdminServer start(InetSocketAddress address, AdminApi api, String token, Supplier<String> metrics)
            throws IOException {
        HttpServer http = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        AdminServer admin = new AdminServer(http, executor, api.routes(), token, metrics);
        http.setExecutor(executor);
        http.createContext("/", admin::serve);
        http.start();
        return admin;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                respond(exchange, dispatch(exchange, method, path));
            } catch (ApiException e) {
                respond(exchange, new ApiResponse.Json(e.status(), Map.of("error", e.getMessage())));
            } catch (IllegalArgumentException e) {
                respond(exchange, new ApiResponse.Json(400, Map.of("error", e.getMessage())));
            } catch (Exception e) {
                log.error("admin {} {} failed", method, path, e);
                respond(exchange, new ApiResponse.Json(500, Map.of("error", "internal error: " + e)));
            }
        } catch (IOException e) {
            log.debug("admin response not delivered: {}", e.toString());
        }
    }

    private ApiResponse dispatch(HttpExchange exchange, String method, String path) throws Exception {
        if (path.equals("/health")) {
            return ApiResponse.ok(Map.of("status", "up"));
        }
        if (path.equals("/metrics")) {
            return new ApiResponse.Stream(200, "text/plain; version=0.0.4; charset=utf-8",
                    new java.io.ByteArrayInputStream(metrics.get().getBytes(StandardCharsets.UTF_8)));
        }
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            throw ApiException.notFound("path " + path);
        }
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"postbox\"");
            throw new ApiException(401, "missing or wrong bearer token (see DATA/admin-token or http.token)");
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = route.match(path);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                return route.handler().handle(new ApiRequest(exchange, params));
            }
        }
        if (pathKnown) {
            throw new ApiException(405, "method " + method + " not allowed on " + path);
        }
        throw ApiException.notFound("path " + path);
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private static void respond(HttpExchange exchange, ApiResponse response) throws IOException {
        switch (response) {
            case ApiResponse.Empty empty -> exchange.sendResponseHeaders(204, -1);
            case ApiResponse.Json json -> {
                byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json.value());
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(json.status(), body.length);
                exchange.getResponseBody().write(body);
            }
            case ApiResponse.Stream stream -> {
                exchange.getResponseHeaders().set("Content-Type", stream.contentType());
                exchange.sendResponseHeaders(stream.status(), 0);
                try (InputStream in = stream.body(); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
