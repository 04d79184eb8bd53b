package dev.parley.security;

import dev.parley.Http;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Shared tools of the security suite: requests, exact error checks, JWTs, HTML safety. */
final class Hostile {
    static final String ADMIN = "moderator-token-for-security-tests";
    static final String SSO_SECRET = "sso-secret-for-tests-0123456789abcdef";

    private Hostile() {
    }

    static HttpResponse<String> request(String method, String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Http.send(b);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String post(String thread, String body) {
        return new JsonObject().put("thread", thread).put("author", "Mallory").put("body", body).encode();
    }

    static String jwt(String headerJson, String claimsJson, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String validJwt(String sub, String name) {
        long exp = System.currentTimeMillis() / 1000 + 600;
        return jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", new JsonObject().put("sub", sub).put("name", name)
                .put("avatar", "https://example.com/" + sub + ".png").put("exp", exp).encode(), SSO_SECRET);
    }
}
