package dev.parley;

import dev.parley.config.Config;
import dev.parley.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Parley node for tests: random free port, fresh temporary data directory (SQLite), short
 * timers. Talk to it over real HTTP and WebSocket.
 */
public final class TestApp implements AutoCloseable {
    private final Map<String, String> env;
    private final Path dataDir;
    private boolean ownsDataDir;
    private final App app;
    private boolean running;

    private TestApp(Map<String, String> env, Path dataDir, boolean ownsDataDir) {
        this.env = env;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        Map<String, String> all = new HashMap<>(env);
        all.put("PARLEY_DATA_DIR", dataDir.toString());
        Config config = new ConfigLoader(all).load();
        this.app = new App(config).start();
        this.running = true;
    }

    /** Random free port, fresh temp data dir, test-friendly timers. */
    public static TestApp start() {
        return start(Map.of());
    }

    /** Like {@link #start()}, with {@code PARLEY_*} overrides. */
    public static TestApp start(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_HTTP_PORT", "0");
        env.put("PARLEY_HTTP_HOST", "127.0.0.1");
        env.put("PARLEY_DRAIN_TIMEOUT", "5s");
        // No load balancer to warn: close at once (DrainTest covers the notice period).
        env.put("PARLEY_DRAIN_NOTICE", "0s");
        env.put("PARLEY_PRESENCE_EVERY", "200ms");
        // Tests post far faster than people; the abuse tests turn limits back on explicitly.
        env.put("PARLEY_RATE_LIMITS", "off");
        env.putAll(overrides);
        try {
            Path dir = overrides.containsKey("PARLEY_DATA_DIR") ? Path.of(overrides.get("PARLEY_DATA_DIR"))
                    : Files.createTempDirectory("parley-test");
            return new TestApp(env, dir, !overrides.containsKey("PARLEY_DATA_DIR"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + "/ws";
    }

    public Path dataDir() {
        return dataDir;
    }

    public App app() {
        return app;
    }

    /** Graceful stop: clients get close 1012. */
    public void stop() {
        if (running) {
            running = false;
            app.stop();
        }
    }

    /** Starts again on the same port and data directory (call after {@link #stop()}). */
    public TestApp restart() {
        stop();
        Map<String, String> env = new HashMap<>(this.env);
        env.put("PARLEY_HTTP_PORT", Integer.toString(port()));
        // The data directory now belongs to the new node: closing this one must not delete it.
        boolean owns = ownsDataDir;
        ownsDataDir = false;
        return new TestApp(env, dataDir, owns);
    }

    @Override
    public void close() {
        stop();
        if (ownsDataDir) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: a temp directory
            }
        }
    }
}
