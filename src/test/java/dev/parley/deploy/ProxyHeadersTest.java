package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What both nginx configurations we ship (deploy/nginx.conf for compose, the block in
 * docs/deploy.md) tell the nodes about the client: in every location that proxies, X-Forwarded-For
 * is the address nginx saw, replacing the client's own header, and the Host the client asked for.
 * Nodes believe that header from nginx, so a client that could add to it would choose the address
 * its limits and bans are counted under.
 */
class ProxyHeadersTest {
    private static NginxConf.Block compose() {
        return NginxConf.parse(DeployFiles.read(DeployFiles.DEPLOY.resolve("nginx.conf")));
    }

    private static NginxConf.Block docs() {
        Matcher block = Pattern.compile("```nginx\\n(.*?)```", Pattern.DOTALL)
                .matcher(DeployFiles.read(DeployFiles.ROOT.resolve(Path.of("docs", "deploy.md"))));
        assertThat(block.find()).as("an nginx block in docs/deploy.md").isTrue();
        return NginxConf.parse(block.group(1));
    }

    /** Every location that passes requests to the nodes. */
    private static List<NginxConf.Block> proxied(NginxConf.Block conf) {
        List<NginxConf.Block> locations = conf.find("location").stream().filter(l -> !l.all("proxy_pass").isEmpty()).toList();
        assertThat(locations).as("locations with proxy_pass").isNotEmpty();
        return locations;
    }

    @Test
    void composeNginxReplacesTheClientsForwardedForEverywhereItProxies() {
        for (NginxConf.Block location : proxied(compose())) {
            assertThat(location.proxyHeaders()).as(location.name())
                    .containsEntry("x-forwarded-for", "$remote_addr").containsEntry("host", "$http_host");
        }
    }

    @Test
    void docsNginxReplacesTheClientsForwardedForEverywhereItProxies() {
        for (NginxConf.Block location : proxied(docs())) {
            assertThat(location.proxyHeaders()).as(location.name())
                    .containsEntry("x-forwarded-for", "$remote_addr").containsEntry("host", "$http_host");
        }
    }

    @Test
    void neitherEverAppendsToTheClientsHeader() {
        assertThat(DeployFiles.read(DeployFiles.DEPLOY.resolve("nginx.conf"))).doesNotContain("$proxy_add_x_forwarded_for");
        for (NginxConf.Block conf : List.of(compose(), docs())) {
            for (NginxConf.Block location : proxied(conf)) {
                assertThat(location.proxyHeaders().values()).noneMatch(v -> v.contains("$proxy_add_x_forwarded_for")
                        || v.contains("$http_x_forwarded_for"));
            }
        }
    }

    @Test
    void theParserSeesInheritanceAsNginxDoes() {
        NginxConf.Block conf = NginxConf.parse("""
                server {
                    proxy_set_header Host $http_host;  # a comment; with a semicolon
                    location / { proxy_pass http://a; }
                    location /ws { proxy_pass http://a; proxy_set_header Upgrade $http_upgrade; }
                    location = /x { return 404; }
                }
                """);

        List<NginxConf.Block> locations = proxied(conf);
        assertThat(locations).extracting(NginxConf.Block::name).containsExactly("location /", "location /ws");
        assertThat(locations.get(0).proxyHeaders()).isEqualTo(Map.of("host", "$http_host"));
        assertThat(locations.get(1).proxyHeaders()).as("setting one drops the inherited ones")
                .isEqualTo(Map.of("upgrade", "$http_upgrade"));
    }
}
