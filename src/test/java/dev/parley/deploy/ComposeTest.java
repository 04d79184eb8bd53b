package dev.parley.deploy;

import static dev.parley.deploy.DeployFiles.at;
import static dev.parley.deploy.DeployFiles.list;
import static dev.parley.deploy.DeployFiles.map;
import static dev.parley.deploy.DeployFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.abuse.ClientAddress;
import dev.parley.config.Config;
import dev.parley.config.ConfigLoader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/docker-compose.yml: two nodes on PostgreSQL and Redis behind nginx, consistent with the code. */
class ComposeTest {
    private static final Path COMPOSE = DeployFiles.DEPLOY.resolve("docker-compose.yml");
    private static final List<String> NODES = List.of("parley-1", "parley-2");

    private static Map<String, Object> services() {
        return map(at(DeployFiles.document(COMPOSE), "services"));
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        map(at(services(), service + ".environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @Test
    void runsTwoNodesPostgresRedisAndNginx() {
        assertThat(services()).containsKeys("parley-1", "parley-2", "postgres", "redis", "nginx");
        for (String node : NODES) {
            Map<String, String> env = environment(node);
            assertThat(env).containsEntry("PARLEY_DATABASE_URL", "postgresql://postgres@postgres:5432/parley")
                    .containsEntry("PARLEY_REDIS_URL", "redis://redis:6379");
            assertThat(map(at(services(), node + ".depends_on"))).containsKeys("postgres", "redis");
        }
        assertThat(string(services(), "postgres.environment.POSTGRES_DB")).isEqualTo("parley");
        assertThat(list(at(services(), "nginx.ports"))).containsExactly("8080:80");
    }

    @Test
    void everyVariableSetIsOneTheServerReadsAndPassesItsValidation() {
        Set<String> names = new TreeSet<>(DeployFiles.parleyVariables(DeployFiles.read(COMPOSE)));
        assertThat(names).isNotEmpty();
        assertThat(DeployFiles.knownVariables()).containsAll(names);
        for (String node : NODES) {
            Config config = new ConfigLoader(environment(node)).load();
            assertThat(config.http().port()).as("the port nginx and the healthcheck use").isEqualTo(8080);
        }
    }

    @Test
    void stopGracePeriodOutlastsTheDrainTimeout() {
        for (String node : NODES) {
            Duration drain = new ConfigLoader(environment(node)).load().http().drainTimeout();
            Duration grace = composeDuration(string(services(), node + ".stop_grace_period"));
            assertThat(grace).as(node).isGreaterThan(drain.plusSeconds(5));
            assertThat(string(services(), node + ".stop_signal")).isEqualTo("SIGTERM");
        }
    }

    @Test
    void buildsTheRepositoryDockerfile() {
        for (String node : NODES) {
            Path context = DeployFiles.DEPLOY.resolve(string(services(), node + ".build.context")).normalize();
            assertThat(context.resolve(string(services(), node + ".build.dockerfile"))).isEqualTo(Dockerfile.FILE);
        }
    }

    @Test
    void nginxBalancesOverExactlyTheNodes() {
        String nginx = DeployFiles.read(DeployFiles.DEPLOY.resolve("nginx.conf"));
        Matcher m = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+):(\\d+)").matcher(nginx);
        Set<String> upstreams = new TreeSet<>();
        while (m.find()) {
            assertThat(m.group(2)).as("node port").isEqualTo("8080");
            upstreams.add(m.group(1));
        }
        assertThat(upstreams).containsExactlyElementsOf(NODES);
        assertThat(nginx).contains("proxy_set_header Upgrade $http_upgrade", "proxy_set_header Connection $connection_upgrade",
                "proxy_set_header X-Forwarded-For $remote_addr", "proxy_read_timeout 5m");
    }

    @Test
    void nodesBelieveForwardedForFromNginxAloneAtItsFixedAddress() {
        Map<String, Object> network = map(at(DeployFiles.document(COMPOSE), "networks.default.ipam.config.0"));
        String subnet = string(network, "subnet");
        String dynamic = string(network, "ip_range");
        String nginx = string(services(), "nginx.networks.default.ipv4_address");
        assertThat(inCidr(nginx, subnet)).as("%s in %s", nginx, subnet).isTrue();
        assertThat(inCidr(nginx, dynamic)).as("no other container can be given %s", nginx).isFalse();
        // The first address Docker hands out to another container.
        String[] octets = dynamic.split("/")[0].split("\\.");
        octets[3] = Integer.toString(Integer.parseInt(octets[3]) + 1);
        String otherContainer = String.join(".", octets);
        assertThat(inCidr(otherContainer, subnet) && inCidr(otherContainer, dynamic)).isTrue();

        for (String node : NODES) {
            assertThat(map(services().get(node))).as("%s is on the default network", node).doesNotContainKey("networks");
            var trust = new ConfigLoader(environment(node)).load().trust();
            ClientAddress clients = new ClientAddress(trust.trustedProxies(), trust.ipv6Prefix());
            assertThat(clients.of(nginx, "203.0.113.7")).as("nginx's header is believed").isEqualTo("203.0.113.7");
            assertThat(clients.of(otherContainer, "203.0.113.7")).as("another container's is not").isEqualTo(otherContainer);
        }
    }

    @Test
    void prometheusScrapesEveryNodeDirectly() {
        Map<String, Object> prometheus = DeployFiles.document(DeployFiles.DEPLOY.resolve("prometheus.yml"));
        List<Object> targets = list(at(prometheus, "scrape_configs.0.static_configs.0.targets"));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(NODES.stream().map(n -> n + ":8080").toList());
        assertThat(string(prometheus, "scrape_configs.0.job_name")).as("the job the alert rules name").isEqualTo("parley");
    }

    @Test
    void everyMountedFileExists() {
        for (Map.Entry<String, Object> service : services().entrySet()) {
            Object volumes = map(service.getValue()).get("volumes");
            if (volumes == null) {
                continue;
            }
            for (Object volume : list(volumes)) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./") || source.startsWith("../")) {
                    assertThat(Files.isRegularFile(DeployFiles.DEPLOY.resolve(source).normalize()))
                            .as("%s mounts %s", service.getKey(), source).isTrue();
                }
            }
        }
    }

    private static boolean inCidr(String address, String cidr) {
        String[] parts = cidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        BigInteger mask = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE).shiftRight(prefix).not();
        return ipv4(address).and(mask).equals(ipv4(parts[0]).and(mask));
    }

    private static BigInteger ipv4(String address) {
        BigInteger value = BigInteger.ZERO;
        for (String octet : address.split("\\.")) {
            value = value.shiftLeft(8).or(BigInteger.valueOf(Integer.parseInt(octet)));
        }
        return value;
    }

    /** Compose durations as used here: {@code 30s}, {@code 1m}, {@code 1m30s}. */
    private static Duration composeDuration(String value) {
        Matcher m = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?").matcher(value);
        assertThat(m.matches()).as(value).isTrue();
        long minutes = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long seconds = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return Duration.ofMinutes(minutes).plusSeconds(seconds);
    }
}
