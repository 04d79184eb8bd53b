package dev.parley.widget;

import dev.parley.TcpProxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A link that goes silent without closing (a dead NAT entry) is noticed after the server's own
 * heartbeat timing, which the widget learns from the subscribed frame: not after a fixed 35 s.
 */
@ExtendWith(Browser.Required.class)
class DeadLinkTest {
    @AutoClose static Stage stage;
    @AutoClose static TcpProxy proxy;
    @AutoClose static HostSite site;

    @BeforeAll
    static void start() throws Exception {
        stage = Stage.start(Map.of("PARLEY_PING_EVERY", "1s", "PARLEY_PONG_TIMEOUT", "1s"), Browser::english);
        proxy = TcpProxy.to(stage.app.port());
        site = new HostSite("http://127.0.0.1:" + proxy.port());
    }

    @Test
    void aSilentLinkIsDroppedAfterTheServersHeartbeatTimingAndComesBack() {
        Widget reader = new Widget(stage.browser.driver).open(site.page("", Map.of("thread", "dead/link")));
        reader.awaitState("live", Widget.PATIENCE);
        proxy.freeze();
        // 1 s + 1 s + 2 s of silence, not the 35 s of the defaults.
        reader.awaitState("reconnecting", Duration.ofSeconds(12));
        proxy.thaw();
        proxy.cut();
        reader.awaitState("live", Widget.PATIENCE);
    }
}
