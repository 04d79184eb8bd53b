package dev.parley.config;

import java.util.Map;

/**
 * The placeholder credentials shipped in deploy/kubernetes/secret.yaml. A node started with any of
 * them would run with published credentials, so they are refused by name. The compose trial's own
 * values are not in this list: a local trial keeps working as shipped.
 */
final class Placeholders {
    static final Map<Setting, String> SHIPPED = Map.of(
            Setting.DATABASE_URL, "postgresql://parley:CHANGE-ME@postgres.example.internal:5432/parley",
            Setting.REDIS_URL, "redis://:CHANGE-ME@redis.example.internal:6379",
            Setting.ADMIN_TOKEN, "CHANGE-ME-to-a-long-random-token",
            Setting.SECRET, "CHANGE-ME-to-a-random-secret-of-32-characters-or-more");

    private Placeholders() {
    }

    static void refuse(Setting setting, String value) {
        if (value.equals(SHIPPED.get(setting))) {
            throw new ConfigException(setting.variable() + ": still the placeholder from"
                    + " deploy/kubernetes/secret.yaml; set a value of your own");
        }
    }
}
