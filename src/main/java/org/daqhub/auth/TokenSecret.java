package org.daqhub.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.security.SecureRandom;
import java.util.Base64;

import org.daqhub.processors.io.DurableFiles;
import org.daqhub.processors.io.SafeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key the tokens are signed with: {@code daqhub.auth.jwt-secret} when set, otherwise a random
 * key generated once and kept (owner-only, written atomically) in {@code <data-dir>/auth/jwt-secret},
 * so tokens survive a restart. Replicas must share one key: set the property (a Secret on OpenShift).
 */
final class TokenSecret {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSecret.class);

    private TokenSecret() {
    }

    static byte[] resolve(String configured, Path dataDir) throws IOException {
        if (!configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("auth").resolve("jwt-secret");
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Base64.getDecoder().decode(new String(SafeFiles.readAllBytes(file, dataDir.toRealPath()),
                    StandardCharsets.US_ASCII).trim());
        }
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(".jwt-secret.tmp");
        DurableFiles.writeAtomically(temp, file, Base64.getEncoder().encode(key), true, false);
        LOG.warn("daqhub.auth.jwt-secret is not set: generated a token key in {} (replicas need one shared key:"
                + " set JWT_SECRET_KEY)", file);
        return key;
    }
}
