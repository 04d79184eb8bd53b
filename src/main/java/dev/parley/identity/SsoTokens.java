package dev.parley.identity;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Verifies a site's signed-in user: a JWT with HS256 only (no "none", no other algorithm), signed
 * with one of the sites' secrets, unexpired and at most a day ahead, not before its {@code nbf} and
 * not issued in the future ({@code iat}), each within a minute of clock skew, carrying
 * {@code sub}, {@code name} and optionally an {@code https:} {@code avatar}. The secret that
 * verifies it says which site the user belongs to.
 */
public final class SsoTokens {
    private static final Duration MAX_LIFETIME = Duration.ofHours(24);
    private static final long SKEW_SECONDS = 60;

    /**
     * A signed-in author as the site vouches for them: {@code site} is the scope of their identity
     * ({@link SsoSites#LEGACY_SCOPE} for bare secrets), {@code signedBy} the site name its secret
     * was given under ("" for a bare secret), {@code id} the site's own user id.
     */
    public record SsoUser(String site, String signedBy, String id, String name, String avatar) {
    }

    private final SsoSites sites;
    private final Json json;
    private final Clock clock;

    public SsoTokens(SsoSites sites, Json json, Clock clock) {
        this.sites = sites;
        this.json = json;
        this.clock = clock;
    }

    public boolean enabled() {
        return sites.enabled();
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
        SsoSites.Secret secret = signedBy(parts[0] + "." + parts[1], signature);
        if (secret == null) {
            throw refused("bad signature");
        }
        return claims(secret, decode(parts[1]));
    }

    /** The secret that made this signature; null for none. Every secret is tried. */
    private SsoSites.Secret signedBy(String signed, byte[] signature) {
        SsoSites.Secret found = null;
        for (SsoSites.Secret secret : sites.secrets()) {
            if (MessageDigest.isEqual(ServerSecret.hmac(secret.key(), signed), signature) && found == null) {
                found = secret;
            }
        }
        return found;
    }

    private SsoUser claims(SsoSites.Secret secret, JsonObject claims) {
        long now = clock.instant().getEpochSecond();
        if (!(claims.getValue("exp") instanceof Number exp)) {
            throw refused("exp is required");
        }
        // Compared as doubles: a huge integer must not wrap around into a plausible long.
        if (exp.doubleValue() < now - SKEW_SECONDS) {
            throw refused("expired");
        }
        if (!(exp.doubleValue() <= now + MAX_LIFETIME.toSeconds() + SKEW_SECONDS)) {
            throw refused("lives longer than a day");
        }
        if (optionalTime(claims, "nbf") > now + SKEW_SECONDS) {
            throw refused("not valid yet (nbf)");
        }
        if (optionalTime(claims, "iat") > now + SKEW_SECONDS) {
            throw refused("issued in the future (iat)");
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
        return new SsoUser(secret.scope(), secret.site(), sub, raw.strip(), (String) avatar);
    }

    /** A NumericDate claim in seconds; absent counts as the distant past. */
    private static double optionalTime(JsonObject claims, String name) {
        Object value = claims.getValue(name);
        if (value == null) {
            return Double.NEGATIVE_INFINITY;
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw refused(name + " must be a number of seconds");
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
