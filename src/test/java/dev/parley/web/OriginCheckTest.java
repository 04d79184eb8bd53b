package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginCheckTest {
    private final OriginCheck check = new OriginCheck(List.of("http://localhost:*", "http://127.0.0.1:*",
            "https://blog.example.com", "https://shop.example.com:8443"));

    @ParameterizedTest(name = "{0} via Host {1} -> {2}")
    @CsvSource(nullValues = "NONE", value = {
            "NONE,                          parley.example:8080, true",
            "http://localhost:3000,         parley.example:8080, true",
            "http://localhost,              parley.example:8080, true",
            "http://127.0.0.1:9,            parley.example:8080, true",
            "https://localhost:3000,        parley.example:8080, false",
            "https://blog.example.com,      parley.example:8080, true",
            "https://BLOG.example.com,      parley.example:8080, true",
            "https://blog.example.com:443,  parley.example:8080, true",
            "http://blog.example.com,       parley.example:8080, false",
            "https://blog.example.com:8443, parley.example:8080, false",
            "https://evil.blog.example.com, parley.example:8080, false",
            "https://blog.example.com.evil, parley.example:8080, false",
            "https://shop.example.com:8443, parley.example:8080, true",
            "https://shop.example.com,      parley.example:8080, false",
            "http://parley.example:8080,    parley.example:8080, true",
            "http://parley.example:8081,    parley.example:8080, false",
            "https://parley.example,        parley.example,      true",
            "http://parley.example,         parley.example,      true",
            "null,                          parley.example:8080, false",
            "file://,                       parley.example:8080, false",
            "http://localhost:3000/path,    parley.example:8080, false",
            "not a url,                     parley.example:8080, false",
            "http://evil.example,           NONE,                false",
    })
    void allowsOnlyListedOrSameOrigins(String origin, String host, boolean allowed) {
        assertThat(check.allows(origin, host)).isEqualTo(allowed);
    }
}
