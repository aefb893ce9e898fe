package postbox.server.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One admin API route: a method and a path template with {@code {name}} segments. Immutable.
 */
record Route(String method, Pattern pattern, Handler handler) {

    /** Handles a matched request; runs on the request's own virtual thread and may block. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    static Route of(String method, String template, Handler handler) {
        String regex = template.replaceAll("\\{[a-zA-Z]+}", "([^/]+)");
        return new Route(method, Pattern.compile(regex), handler);
    }

    /** The decoded path parameters when {@code path} matches, else null. */
    List<String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
            params.add(java.net.URLDecoder.decode(m.group(i), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }
}
