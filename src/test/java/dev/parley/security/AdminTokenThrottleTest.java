package dev.parley.security;

import static dev.parley.Http.assertError;
import static dev.parley.security.Hostile.ADMIN;
import static dev.parley.security.Hostile.bearer;
import static dev.parley.security.Hostile.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.abuse.Limit;
import dev.parley.abuse.LocalRateLimiter;
import dev.parley.identity.AdminTokenThrottle;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing the moderator token: after 10 wrong tokens an address may try once every 10 s, on every
 * path that takes the token; meanwhile even the right token gets 429 from it (else the answers
 * would still tell a hit from a miss), while other addresses and the right token are not slowed.
 */
class AdminTokenThrottleTest {
    @AutoClose static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("PARLEY_ADMIN_TOKEN", ADMIN, "PARLEY_RATE_LIMITS", "on",
                "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32"));
    }


    private static HttpResponse<String> as(String address, String method, String path, String body, String token) {
        return request(method, app.baseUrl() + path, body, "X-Forwarded-For", address, "Authorization", bearer(token));
    }

    @Test
    void theEleventhWrongTokenLocksTheAddressOutOfTheAdminApiEvenForTheRightToken() {
        String guesser = "198.51.100.10";
        for (int i = 0; i < 10; i++) {
            assertError(as(guesser, "GET", "/api/v1/admin/settings", null, "guess-number-" + i), 403, "forbidden");
        }
        HttpResponse<String> locked = as(guesser, "GET", "/api/v1/admin/settings", null, "guess-number-10");
        assertError(locked, 429, "rate_limited");
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
        assertError(as(guesser, "GET", "/api/v1/admin/settings", null, ADMIN), 429, "rate_limited");
        assertThat(as("198.51.100.11", "GET", "/api/v1/admin/settings", null, ADMIN).statusCode())
                .as("another address is not slowed").isEqualTo(200);
    }

    @Test
    void wrongTokensOnEditsAndDeletionsCountToo() {
        long id = Http.postComment(app, "throttle", "Ann", "a comment to aim at").getLong("id");
        String guesser = "198.51.100.20";
        String path = "/api/v1/comments/" + id;
        for (int i = 0; i < 5; i++) {
            assertError(as(guesser, "PATCH", path, "{\"body\":\"x\"}", "guess-" + i), 401, "unauthorized");
            assertError(as(guesser, "DELETE", path, null, "guess-" + i), 401, "unauthorized");
        }
        assertError(as(guesser, "PATCH", path, "{\"body\":\"x\"}", ADMIN), 429, "rate_limited");
        assertError(as(guesser, "DELETE", path, null, ADMIN), 429, "rate_limited");
        assertError(as(guesser, "GET", "/api/v1/admin/settings", null, ADMIN), 429, "rate_limited");
    }

    @Test
    void theRightTokenIsNeverCountedNorAreRequestsWithoutOne() {
        String moderator = "198.51.100.30";
        for (int i = 0; i < 30; i++) {
            assertThat(as(moderator, "GET", "/api/v1/admin/settings", null, ADMIN).statusCode()).isEqualTo(200);
            assertError(request("GET", app.baseUrl() + "/api/v1/admin/settings", null, "X-Forwarded-For", moderator),
                    401, "unauthorized");
        }
    }

    @Test
    void suspectAddressesAreRememberedForABoundedNumber() {
        AdminTokenThrottle throttle = new AdminTokenThrottle(new LocalRateLimiter(100_000),
                new Limit(1, Duration.ofHours(1)), 100);
        for (int i = 0; i < 1000; i++) {
            assertThat(throttle.failed("address-" + i).result()).isZero();
            assertThat(throttle.beforeTry("address-" + i).result()).as("its one try is spent").isPositive();
        }
        assertThat(throttle.suspects()).isLessThanOrEqualTo(100);
    }
}
