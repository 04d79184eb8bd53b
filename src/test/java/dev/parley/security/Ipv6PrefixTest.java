package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * One IPv6 host usually holds a whole /64: limits and bans count it by its prefix
 * (PARLEY_IPV6_PREFIX), so rotating addresses inside the prefix gains nothing.
 */
class Ipv6PrefixTest {
    @AutoClose
    final TestApp app = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "on", "PARLEY_POST_BURST", "1",
            "PARLEY_POST_EVERY", "1h", "PARLEY_TRUSTED_PROXIES", "127.0.0.1/32"));

    private HttpResponse<String> postFrom(String address, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/comments"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString("{\"thread\":\"v6\",\"author\":\"Ann\",\"body\":\"" + body + "\"}")));
    }

    @Test
    void addressesInOnePrefixShareTheirLimit() {
        assertThat(postFrom("2001:db8:1:2::1", "first").statusCode()).isEqualTo(201);
        Http.assertError(postFrom("2001:db8:1:2:ffff:ffff:ffff:fffe", "rotated within the /64"), 429, "rate_limited");
        assertThat(postFrom("2001:db8:1:3::1", "another /64").statusCode()).isEqualTo(201);
    }

    @Test
    void anIpv4MappedAddressCountsAsItsIpv4Address() {
        assertThat(postFrom("192.0.2.7", "first").statusCode()).isEqualTo(201);
        Http.assertError(postFrom("::ffff:192.0.2.7", "same host, mapped"), 429, "rate_limited");
    }
}
