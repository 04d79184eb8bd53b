package dev.parley.identity;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Verifies a site's signed-in user: a JWT with HS256 only (no "none", no other algorithm), signed
 * with one of the configured secrets, unexpired and at most a day ahead, carrying {@code sub},
 * {@code name} and optionally an {@code https:} {@code avatar}.
 */
public final class SsoTokens {
    private static final Duration MAX_LIFETIME = Duration.ofHours(24);
    private static final long SKEW_SECONDS = 60;

    /** A signed-in author as the site vouches for them. */
    public record SsoUser(String id, String name, String avatar) {
    }

    private final List<byte[]> secrets;
    private final Json json;
    private final Clock clock;

    public SsoTokens(List<String> secrets, Json json, Clock clock) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.json = json;
        this.clock = clock;
    }

    public boolean enabled() {
        return !secrets.isEmpty();
    }

    public SsoUser verify(String jwt) {
        if (!enabled()) {
            throw refused("this site has no sign-in configured");
        }
        String[] parts = jwt == null || jwt.length() > 4096 ? new String[0] : jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw refused("not a JWT");
        }
        JsonObject header = decode(parts[0]);
        if (!"HS256".equals(header.getValue("alg"))) {
            throw refused("only HS256 is accepted");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw refused("bad signature encoding");
        }
        String signed = parts[0] + "." + parts[1];
        boolean valid = false;
        for (byte[] secret : secrets) {
            valid |= MessageDigest.isEqual(ServerSecret.hmac(secret, signed), signature);
        }
        if (!valid) {
            throw refused("bad signature");
        }
        return claims(decode(parts[1]));
    }

    private SsoUser claims(JsonObject claims) {
        long now = clock.instant().getEpochSecond();
        if (!(claims.getValue("exp") instanceof Number exp)) {
            throw refused("exp is required");
        }
        if (exp.longValue() < now - SKEW_SECONDS) {
            throw refused("expired");
        }
        if (exp.longValue() > now + MAX_LIFETIME.toSeconds() + SKEW_SECONDS) {
            throw refused("lives longer than a day");
        }
        if (!(claims.getValue("sub") instanceof String sub) || sub.isBlank() || sub.length() > 128) {
            throw refused("sub is required");
        }
        if (!(claims.getValue("name") instanceof String raw) || raw.isBlank()
                || raw.strip().codePointCount(0, raw.strip().length()) > 64) {
            throw refused("name must be 1 to 64 characters");
        }
        Object avatar = claims.getValue("avatar");
        if (avatar != null && !(avatar instanceof String a && a.startsWith("https://") && a.length() <= 512
                && a.chars().noneMatch(c -> c <= 0x20 || c == '"' || c == '<' || c == '>'))) {
            throw refused("avatar must be an https URL");
        }
        return new SsoUser(sub, raw.strip(), (String) avatar);
    }

    private JsonObject decode(String part) {
        try {
            return json.parseObject(Base64.getUrlDecoder().decode(part));
        } catch (IllegalArgumentException e) {
            throw refused("bad encoding");
        } catch (ApiException e) {
            throw refused("bad JSON");
        }
    }

    private static ApiException refused(String why) {
        return new ApiException(ErrorCode.UNAUTHORIZED, "sign-in token refused: " + why);
    }
}
