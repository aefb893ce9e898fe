package postbox.server.config;

import java.util.Locale;

/** A node's role in a Postbox network (SPEC section 1). */
public enum Role {
    STANDALONE, PRIMARY, BACKUP, CENTRAL, DISTRIBUTED;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
