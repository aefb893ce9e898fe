package postbox.server.admin;

/** An admin API error with its HTTP status; the message is the sentence the client sees. */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
