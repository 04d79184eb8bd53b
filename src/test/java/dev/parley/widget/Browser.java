package dev.parley.widget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian Chromium driven through chromedriver. The skip rule lives here too
 * ({@link Required}): without a browser the tests fail under CI=true (CI must never pass by running
 * nothing) and are skipped elsewhere, both with the same clear message.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("parley.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("parley.chromedriver", "/usr/bin/chromedriver"));

    public final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Put on every browser test class with {@code @ExtendWith(Browser.Required.class)}: decides the
     * skip rule before the class starts anything.
     */
    public static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
                return ConditionEvaluationResult.enabled("found " + CHROMIUM + " and " + CHROMEDRIVER);
            }
            String message = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver fonts-noto-cjk)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI=true, so they fail instead of being skipped");
            }
            return ConditionEvaluationResult.disabled(message + "; skipped");
        }
    }

    public static Browser english() {
        return start(List.of(), Map.of());
    }

    /**
     * An English browser with a mouse, as on a desktop: headless Chromium otherwise reports no
     * pointer and no hover, as a touch screen without a mouse does.
     */
    public static Browser withMouse() {
        return start(List.of("--blink-settings=primaryPointerType=4,availablePointerTypes=4,primaryHoverType=2,availableHoverTypes=2"),
                Map.of());
    }

    /** A browser whose UI language and Accept-Language are Simplified Chinese. */
    public static Browser chinese() {
        return start(List.of("--lang=zh-CN"), Map.of("intl.accept_languages", "zh-CN,zh"));
    }

    private static Browser start(List<String> extraArgs, Map<String, Object> prefs) {
        Path profile;
        try {
            profile = Files.createTempDirectory("parley-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The networking flags keep Chromium from calling home, which hangs it on this closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--window-size=1200,900",
                "--user-data-dir=" + profile);
        options.addArguments(extraArgs);
        if (!prefs.isEmpty()) options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** Saves a PNG of the whole page (not just the viewport) under target/screenshots/. */
    public Path screenshot(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Number> size = (Map<String, Number>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        try {
            Path file = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes pages opened from now on see these languages (navigator.languages, Accept-Language),
     * as a reader's browser settings would, e.g. "fr-FR,fr"; the empty string goes back to the
     * browser's own.
     */
    public void speak(String languages) {
        String agent = (String) driver.executeCdpCommand("Browser.getVersion", Map.of()).get("userAgent");
        driver.executeCdpCommand("Emulation.setUserAgentOverride", languages.isEmpty()
                ? Map.of("userAgent", agent) : Map.of("userAgent", agent, "acceptLanguage", languages));
    }

    /** Makes pages report prefers-color-scheme "light" or "dark", as a reader's OS setting would. */
    public void preferColorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless; the test result is what matters
            }
        }
    }
}
