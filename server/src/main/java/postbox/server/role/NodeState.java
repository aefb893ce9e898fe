package postbox.server.role;

import java.util.Locale;

/** Whether a node takes calls. */
public enum NodeState {
    /** Takes calls, registers the trunk. */
    ACTIVE,
    /** A backup waiting: 503 to calls, registers nothing. */
    STANDBY,
    /** A primary back from a failure, waiting for its active backup to hand over and stand down: 503 meanwhile. */
    RETURNING;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NodeState parse(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT));
    }
}
