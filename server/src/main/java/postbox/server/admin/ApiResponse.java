package postbox.server.admin;

import java.io.InputStream;

/**
 * What a route answers: a JSON value (serialised by the server), a stream with a content type, or no content.
 */
public sealed interface ApiResponse {

    int status();

    /** A value written as JSON. */
    record Json(int status, Object value) implements ApiResponse {
    }

    /** Bytes from a stream (closed after sending). */
    record Stream(int status, String contentType, InputStream body) implements ApiResponse {
    }

    /** 204 No Content. */
    record Empty() implements ApiResponse {
        @Override
        public int status() {
            return 204;
        }
    }

    static ApiResponse ok(Object value) {
        return new Json(200, value);
    }

    static ApiResponse created(Object value) {
        return new Json(201, value);
    }

    static ApiResponse empty() {
        return new Empty();
    }
}
