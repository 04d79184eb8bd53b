package dev.parley.identity;

import dev.parley.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key behind author tokens and address hashes: {@code PARLEY_SECRET}, or one generated on
 * first start and kept in {@code DATA_DIR/secret.key} (owner-only from its first moment, written
 * whole or not at all: {@link PrivateFiles#writeAtomically}). Nodes of one cluster must
 * share it, or they cannot read each other's tokens.
 */
public final class ServerSecret {
    private static final Logger log = LoggerFactory.getLogger(ServerSecret.class);
    private final byte[] key;
    /** Mac.getInstance is a provider lookup costing more than the MAC itself: one per thread, reused. */
    private final ThreadLocal<Mac> macs;

    private ServerSecret(byte[] key) {
        this.key = key;
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
    }

    public static ServerSecret load(String configured, Path dataDir) {
        if (!configured.isEmpty()) {
            return new ServerSecret(configured.getBytes(StandardCharsets.UTF_8));
        }
        Path file = dataDir.resolve("secret.key");
        try {
            if (Files.exists(file)) {
                if (PrivateFiles.restrict(file)) {
                    log.warn("{} was readable by other users: it is owner-only now", file);
                }
                return new ServerSecret(HexFormat.of().parseHex(Files.readString(file).trim()));
            }
            PrivateFiles.directory(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            PrivateFiles.writeAtomically(file, HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII));
            return new ServerSecret(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** HMAC-SHA256 of {@code purpose + ":" + value}: the purpose keeps one use's MACs useless for another. */
    public byte[] mac(String purpose, String value) {
        return macs.get().doFinal((purpose + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, String value) {
        return newMac(key).doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
