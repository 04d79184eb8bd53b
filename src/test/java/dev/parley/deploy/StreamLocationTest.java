package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Both nginx configurations we ship (deploy/nginx.conf, the block in docs/deploy.md) give the event
 * stream a location of its own: unbuffered, so each message reaches the reader when the node writes
 * it, and with a read timeout above the heartbeat (25 s ping, 10 s pong timeout), so a quiet,
 * healthy stream is never cut.
 */
class StreamLocationTest {
    private static final Duration HEARTBEAT = Duration.ofSeconds(25 + 10);

    @Test
    void bothConfigurationsPassTheStreamUnbufferedAndOutwaitItsHeartbeat() {
        Matcher docs = Pattern.compile("```nginx\\n(.*?)```", Pattern.DOTALL)
                .matcher(DeployFiles.read(DeployFiles.ROOT.resolve(Path.of("docs", "deploy.md"))));
        assertThat(docs.find()).isTrue();
        for (String text : List.of(DeployFiles.read(DeployFiles.DEPLOY.resolve("nginx.conf")), docs.group(1))) {
            List<NginxConf.Block> stream = NginxConf.parse(text).find("location").stream()
                    .filter(l -> l.name().equals("location = /api/v1/stream")).toList();
            assertThat(stream).as("a location for the stream").hasSize(1);
            NginxConf.Block location = stream.getFirst();
            assertThat(location.all("proxy_pass")).isNotEmpty();
            assertThat(location.all("proxy_buffering")).containsExactly(List.of("off"));
            assertThat(seconds(location.all("proxy_read_timeout").getFirst().getFirst()))
                    .isGreaterThan(HEARTBEAT.toSeconds());
        }
    }

    private static long seconds(String nginxTime) {
        Matcher m = Pattern.compile("(\\d+)([sm])").matcher(nginxTime);
        assertThat(m.matches()).as(nginxTime).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("m") ? 60 : 1);
    }
}
