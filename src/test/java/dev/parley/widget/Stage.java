package dev.parley.widget;

import dev.parley.TestApp;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a widget test class runs against: a real server, a third-party site on another origin that
 * embeds the widget, and one browser. Closed as a whole, browser first.
 */
public final class Stage implements AutoCloseable {
    /** Reassigned by tests that restart the server. */
    public TestApp app;
    public final HostSite site;
    public final Browser browser;

    private Stage(TestApp app, Browser browser) {
        this.app = app;
        this.site = new HostSite(app.baseUrl());
        this.browser = browser;
    }

    public static Stage start(Map<String, String> env, Supplier<Browser> browser) {
        TestApp app = TestApp.start(env);
        try {
            return new Stage(app, browser.get());
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    public Api api() {
        return new Api(app.baseUrl());
    }

    /** Opens the host page embedding the widget with these data- attributes, and waits until live. */
    public Widget open(Map<String, String> attributes) {
        return new Widget(browser.driver).open(site.page("", attributes));
    }

    @Override
    public void close() {
        try (TestApp a = app; HostSite s = site; Browser b = browser) {
            // closed in reverse: browser, site, server
        }
    }
}
