package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Config config = new ConfigLoader(Map.of()).load();
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.store().dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.store().databaseUrl()).isEmpty();
        assertThat(config.http().allowedOrigins()).containsExactly("http://localhost:*", "http://127.0.0.1:*");
        assertThat(config.realtime().pingEvery()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.realtime().pongTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.realtime().maxFrameBytes()).isEqualTo(65536);
        assertThat(config.realtime().maxSubscriptions()).isEqualTo(50);
        assertThat(config.realtime().outboxBytes()).isEqualTo(1024 * 1024);
        assertThat(config.realtime().replayLimit()).isEqualTo(1000);
    }

    @Test
    void environmentOverlaysTheDefaults() {
        Config config = new ConfigLoader(Map.of("PARLEY_HTTP_PORT", "9000", "PARLEY_DATA_DIR", "/tmp/x",
                "PARLEY_ALLOWED_ORIGINS", "https://a.example, http://localhost:*",
                "PARLEY_PING_EVERY", "500ms", "PARLEY_PONG_TIMEOUT", "2s",
                "PARLEY_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")).load();
        assertThat(config.http().port()).isEqualTo(9000);
        assertThat(config.store().dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(config.http().allowedOrigins()).isEqualTo(List.of("https://a.example", "http://localhost:*"));
        assertThat(config.realtime().pingEvery()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.realtime().pongTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.store().databaseUrl()).startsWith("postgresql://");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PARLEY_HTTP_PORT|eighty",
            "PARLEY_HTTP_PORT|70000",
            "PARLEY_PING_EVERY|soon",
            "PARLEY_PING_EVERY|0s",
            "PARLEY_ALLOWED_ORIGINS|*",
            "PARLEY_ALLOWED_ORIGINS|example.com",
            "PARLEY_DATABASE_URL|mysql://localhost/db",
            "PARLEY_MAX_SUBSCRIPTIONS|0",
            "PARLEY_ADMIN_TOKEN|short",
    })
    void aBadValueFailsNamingTheVariable(String name, String value) {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(name, value)).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name + ":")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void helpListsEveryVariable() {
        assertThat(ConfigLoader.help()).contains("PARLEY_HTTP_PORT", "PARLEY_DATA_DIR", "PARLEY_DATABASE_URL",
                "PARLEY_ALLOWED_ORIGINS", "PARLEY_PING_EVERY", "PARLEY_PONG_TIMEOUT");
    }
}
