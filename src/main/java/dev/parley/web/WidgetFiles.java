package dev.parley.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * The widget's files, which every page of a host site loads (embed.js and embed.css, or count.js on
 * an index page), and the optional parts of the widget that embed.js loads when it needs them
 * ({@code /widget/<name>.js}): each joined from its declared sources ({@link WidgetBundle}),
 * compacted ({@link Compactor}) and gzip-compressed once at start, and served with an ETag, so a
 * reader gets about a third of the source and a browser revalidating after max-age gets a 304
 * instead of the file again. A declared source that is missing stops the start.
 *
 * <p>Why not the static handler: HTTP compression is off for the whole server (it would cost CPU
 * on every API answer), and these are the only files a host page pulls on every view.
 */
public final class WidgetFiles {
    /** One file as served: its bytes plain and gzipped, and the tag of its content. */
    private record Served(String contentType, Buffer plain, Buffer gzipped, String etag) {}

    /**
     * Everything served here (docs/widget.md, "Source"). The core, embed.js, is the files of
     * widget/core/ in this order: boot.js, which starts the widget, comes last. The parts are what
     * the core's part(name) can load; a page with default options loads none of them. The languages
     * are one part each, lang-<name> for each name in the core's LANGUAGES (languages.js), which
     * count.js and the moderation page (as the module /admin/languages.js) share.
     */
    static final List<WidgetBundle> BUNDLES = List.of(
            WidgetBundle.script("/embed.js", "widget/core", "base", "parts", "languages", "strings", "own", "view", "live", "form",
                    "posts", "connection", "sync", "mount", "boot"),
            WidgetBundle.file("/embed.css", WidgetBundle.CSS, "webroot/embed.css"),
            new WidgetBundle("/count.js", WidgetBundle.JS, List.of("widget/core/languages.js", "webroot/count.js"), true),
            new WidgetBundle("/admin/languages.js", WidgetBundle.JS,
                    List.of("widget/core/languages.js", "widget/admin/export.js"), false),
            WidgetBundle.part("lang-zh", "strings"),
            WidgetBundle.part("lang-zh-TW", "strings"),
            WidgetBundle.part("lang-ja", "strings"),
            WidgetBundle.part("lang-ko", "strings"),
            WidgetBundle.part("lang-es", "strings"),
            WidgetBundle.part("lang-fr", "strings"),
            WidgetBundle.part("lang-de", "strings"),
            WidgetBundle.part("lang-pt", "strings"),
            WidgetBundle.part("lang-ru", "strings"),
            WidgetBundle.part("lang-ar", "strings"),
            WidgetBundle.part("votes", "votes"),
            WidgetBundle.part("edit", "edit"),
            WidgetBundle.part("pages", "pages"),
            WidgetBundle.part("links", "links"),
            WidgetBundle.part("stream", "stream"));

    private final Map<String, Served> files;

    private WidgetFiles(Map<String, Served> files) {
        this.files = files;
    }

    /** Joins, compacts and compresses the declared files from the class path. */
    public static WidgetFiles load() {
        return load(BUNDLES, WidgetFiles::resource);
    }

    /** The same from any sources: read gives a source's text, or throws if there is none. */
    static WidgetFiles load(List<WidgetBundle> bundles, Function<String, String> read) {
        Map<String, Served> files = new HashMap<>();
        for (WidgetBundle bundle : bundles) {
            if (files.put(bundle.path(), serve(bundle.contentType(), bundle.join(read))) != null) {
                throw new IllegalStateException(bundle.path() + " is declared twice");
            }
        }
        return new WidgetFiles(Map.copyOf(files));
    }

    /** The paths of the widget's optional parts, each loaded on demand by embed.js. */
    public static List<String> partPaths() {
        return BUNDLES.stream().filter(WidgetBundle::isPart).map(WidgetBundle::path).toList();
    }

    /** The paths this serves, each to be routed to {@link #handle}. */
    public Iterable<String> paths() {
        return files.keySet();
    }

    /** The ETag a file is served with. */
    String etag(String path) {
        return files.get(path).etag();
    }

    public void handle(RoutingContext ctx) {
        Served file = files.get(ctx.normalizedPath());
        if (file == null) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.ETAG, file.etag())
                .putHeader(HttpHeaders.VARY, "Accept-Encoding");
        if (Negotiation.matchesTag(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), file.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        boolean gzip = Negotiation.acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        Buffer body = gzip ? file.gzipped() : file.plain();
        response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType());
        if (gzip) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }

    private static Served serve(String type, String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        return new Served(type, Buffer.buffer(plain), Buffer.buffer(gzip(plain)), etag(plain));
    }

    static String resource(String name) {
        try (InputStream in = WidgetFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("widget source " + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(9);  // once at start, so the smallest file is worth the time
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
