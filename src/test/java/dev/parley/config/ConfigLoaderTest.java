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

    @Test
    void anUnknownParleyVariableIsReportedWithTheNearestSetting() {
        List<String> warnings = new ConfigLoader(Map.of("PARLEY_HTTP_PROT", "9000", "HOME", "/root")).unknownVariables();
        assertThat(warnings).singleElement().asString()
                .contains("PARLEY_HTTP_PROT").contains("did you mean PARLEY_HTTP_PORT");
    }

    @Test
    void kubernetesServiceLinksAreNotReported() {
        assertThat(new ConfigLoader(Map.of("PARLEY_PORT", "tcp://10.0.0.1:8080", "PARLEY_PORT_8080_TCP_ADDR", "10.0.0.1",
                "PARLEY_SERVICE_HOST", "10.0.0.1", "PARLEY_SERVICE_PORT_HTTP", "8080")).unknownVariables()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PARLEY_SECRET|hunter2-is-too-short",
            "PARLEY_ADMIN_TOKEN|hunter2-short",
            "PARLEY_SSO_SECRET|hunter2-not-32-chars",
            "PARLEY_DATABASE_URL|postgresql://app:hunter2^pw@db.example:5432/parley",
            "PARLEY_DATABASE_URL|mysql://app:hunter2@db.example/parley",
            "PARLEY_REDIS_URL|redis://:hunter2@redis example:6379",
    })
    void aRefusedSecretIsNeverEchoed(String name, String value) {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(name, value)).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name + ":")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void everySettingsDefaultParses() {
        SettingValues values = new ConfigLoader(Map.of()).values();
        assertThat(Config.from(values)).isNotNull();
        assertThat(Config.defaults().trust().limits().connectionsPerAddress()).isEqualTo(2000);
        assertThat(Config.defaults().cluster()).isInstanceOf(Config.Cluster.Single.class);
    }

    @Test
    void aRedisUrlJoinsTheNodeToARedisClusterWithTheConfiguredPrefix() {
        Config.Cluster cluster = new ConfigLoader(Map.of("PARLEY_REDIS_URL", "redis://127.0.0.1:6379",
                "PARLEY_REDIS_PREFIX", "blog:", "PARLEY_NODE_ID", "n1")).load().cluster();
        assertThat(cluster).isEqualTo(new Config.Cluster.Redis("redis://127.0.0.1:6379", "blog:", "n1",
                Duration.ofSeconds(5)));
    }
}
