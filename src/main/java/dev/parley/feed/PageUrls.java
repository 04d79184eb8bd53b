package dev.parley.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.comment.CommentStore;
import dev.parley.comment.Poster;
import dev.parley.posting.AfterPost;
import dev.parley.protocol.ThreadKey;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * The optional {@code url} of a post: the page the widget was on ({@code location.href}), kept per
 * thread for the links of its feed entries and mails, and for nothing else. Taken only when it is
 * an http(s) URL of an origin allowed for the thread's site, at most {@link #MAX_LENGTH} characters; its fragment is
 * dropped. Anything else is ignored, never refused: the comment matters, the link does not.
 *
 * <p>Most posts report the page already kept: the last URL written per thread is remembered
 * ({@link #REMEMBERED} threads at most), so those cost no write. (On a cluster another node may
 * have kept another URL meanwhile; the thread's next different report corrects it.)
 */
public final class PageUrls implements AfterPost {
    public static final int MAX_LENGTH = 2048;
    static final int REMEMBERED = 10_000;

    private final FeedStore store;
    /** Whether a page origin may post to a site: (site, origin). */
    private final BiPredicate<String, String> allowedOrigin;
    private final Clock clock;
    private final Cache<String, String> written = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    public PageUrls(FeedStore store, BiPredicate<String, String> allowedOrigin, Clock clock) {
        this.store = store;
        this.allowedOrigin = allowedOrigin;
        this.clock = clock;
    }

    @Override
    public Object read(JsonObject post) {
        Object value = post.getValue("url");
        return value instanceof String url ? page(url) : null;
    }

    @Override
    public void committed(CommentStore.Posted posted, Poster poster, Object read) {
        String thread = posted.event().thread();
        Page page = (Page) read;
        if (!posted.replayed() && !posted.event().comment().pending() && !page.url().equals(written.getIfPresent(thread))
                && allowedOrigin.test(ThreadKey.site(thread), page.origin())) {
            store.page(thread, page.url(), clock.instant());
            written.put(thread, page.url());
        }
    }

    /** A page URL (without its fragment) and its origin, to be checked against the site's origins. */
    record Page(String url, String origin) {
    }

    /** An http(s) URL of a host, without its fragment; null for anything else. */
    private static Page page(String raw) {
        if (raw.length() > MAX_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            int hash = raw.indexOf('#');
            return new Page(hash < 0 ? raw : raw.substring(0, hash), origin);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
