package dev.parley.widget;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A third-party site on an origin of its own that embeds the widget exactly as a site owner would:
 * a div and a script tag pointing at the Parley server. Pages are registered and served by number.
 */
public final class HostSite implements AutoCloseable {
    /** Global CSS that would wreck any widget living in the host page's own DOM. */
    static final String AGGRESSIVE_CSS = """
            * { color: red !important; font-size: 40px !important; font-family: "Comic Sans MS", cursive !important;
                line-height: 3 !important; letter-spacing: 4px !important; font-weight: 900 !important;
                text-transform: uppercase !important; font-style: italic !important; }
            html { font-size: 40px !important; }
            div, p, section, article, button, input, textarea, span, h2, time, form, label {
                margin: 30px !important; padding: 20px !important; background: yellow !important;
                border: 5px dashed lime !important; }
            :root, body, #parley { --fg: red; --bg: yellow; --accent: red; --line: lime; --muted: red; }
            """;

    private final HttpServer server;
    private final String widgetOrigin;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    HostSite(String widgetOrigin) {
        this.widgetOrigin = widgetOrigin;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String html = pages.get(exchange.getRequestURI().getPath());
            byte[] bytes = (html == null ? "not found" : html).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", html == null ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(html == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A page embedding the widget; attributes are the div's data-* ones, e.g. "thread", "lang". */
    public String page(String css, Map<String, String> attributes) {
        return page(css, attributes, Map.of());
    }

    /** The same, with data-* attributes on the script tag too (e.g. "page-size"). */
    public String page(String css, Map<String, String> attributes, Map<String, String> scriptAttributes) {
        StringBuilder div = new StringBuilder("<div id=\"parley\"");
        attributes.forEach((k, v) -> div.append(" data-").append(k).append("=\"").append(escape(v)).append('"'));
        div.append("></div>\n<script src=\"").append(widgetOrigin).append("/embed.js\"");
        scriptAttributes.forEach((k, v) -> div.append(" data-").append(k).append("=\"").append(escape(v)).append('"'));
        div.append(" async></script>");
        return register(css, div.toString());
    }

    /** An index page: these links (or any elements) and count.js, with data-lang when lang is not null. */
    String countsPage(String links, String lang) {
        return countsPage(links, lang == null ? Map.of() : Map.of("lang", lang));
    }

    /** An index page: these links and count.js with these data-* attributes ("lang", "site"). */
    String countsPage(String links, Map<String, String> attributes) {
        StringBuilder script = new StringBuilder("<script src=\"").append(widgetOrigin).append("/count.js\"");
        attributes.forEach((k, v) -> script.append(" data-").append(k).append("=\"").append(escape(v)).append('"'));
        return register("", links + "\n" + script + " async></script>");
    }

    /** The same host page with no widget at all, to compare the host's own styles against. */
    String pageWithoutWidget(String css) {
        return register(css, "");
    }

    private String register(String css, String widget) {
        String path = "/page-" + next.incrementAndGet();
        pages.put(path, """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>A host page</title>
                <style>body { margin: 0; padding: 16px } main { width: 720px }</style>
                <style>%s</style></head>
                <body><main>
                <h1 id="probe-heading">Someone else's article</h1>
                <p id="probe">The host page's own paragraph.</p>
                <button id="probe-button" type="button">Host button</button>
                %s
                </main></body></html>
                """.formatted(css, widget));
        return origin() + path;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
