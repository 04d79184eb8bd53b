package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The widget answers the server's JSON pings. Browsers answer WebSocket ping control frames by
 * themselves, so the proof is the server's count of {"type":"pong"} frames, not a connection kept.
 */
@ExtendWith(Browser.Required.class)
class HeartbeatTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of("PARLEY_PING_EVERY", "200ms"), Browser::english);
    }

    @Test
    void answersEveryPingWithAPongAndStaysLive() {
        Widget reader = stage.open(Map.of("thread", "heartbeat"));
        reader.js("""
                window.parleyStates = [];
                new MutationObserver(() => window.parleyStates.push(root.querySelector('.status').dataset.state))
                  .observe(root.querySelector('.status'), { attributes: true });""");

        reader.await("three pongs counted by the server", Widget.PATIENCE, () -> pongsReceived() >= 3);

        assertThat(reader.js("return window.parleyStates;")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .doesNotContain("reconnecting");
        assertThat(reader.state()).isEqualTo("live");
    }

    /** The server's own count of JSON pong frames received, from its Prometheus metrics. */
    private static double pongsReceived() {
        return stage.api().get("/metrics").body().lines()
                .filter(line -> line.startsWith("parley_frames_in_total{") && line.contains("\"pong\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
