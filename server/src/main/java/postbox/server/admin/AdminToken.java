package postbox.server.admin;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin API's bearer token: the configured one, else the one in {@code DATA/admin-token}, else a new random
 * one written there with owner-only permissions.
 */
public final class AdminToken {

    /** The file name inside the data folder. */
    public static final String FILE = "admin-token";

    private AdminToken() {
    }

    public static String resolve(Path data, Optional<String> configured) throws IOException {
        if (configured.isPresent()) {
            return configured.get();
        }
        Path file = data.resolve(FILE);
        if (Files.exists(file)) {
            String token = Files.readString(file).trim();
            if (token.length() >= 16) {
                return token;
            }
            throw new IOException(file + " holds no usable token (delete it to have a new one generated)");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temp = Files.createTempFile(data, ".admin-token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, token + "\n");
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file);
        }
        return token;
    }
}
