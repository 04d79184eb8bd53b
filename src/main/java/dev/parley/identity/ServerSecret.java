package dev.parley.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key behind author tokens and address hashes: {@code PARLEY_SECRET}, or one generated on
 * first start and kept in {@code DATA_DIR/secret.key} (owner-only). Nodes of one cluster must
 * share it, or they cannot read each other's tokens.
 */
public final class ServerSecret {
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
                return new ServerSecret(HexFormat.of().parseHex(Files.readString(file).trim()));
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, HexFormat.of().formatHex(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
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
