package dev.parley.site;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ThreadKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sites this server serves. Every request names one (absent: the default site, configured by
 * the PARLEY_* settings), so lookups never touch the database: the whole set is held in memory,
 * read again every second on a worker ({@link #refresh}), and saved sites show on this node at
 * once, on others within that second. At most {@link #MAX_SITES}: a name that is not a site is
 * refused (404) from memory, so made-up names cost nothing.
 */
public final class Sites {
    public static final int MAX_SITES = 1000;
    /** What a site's name may be (docs/sites.md): 1 to 32 of a-z, 0-9 and '-', not starting with '-'. */
    public static final String NAME = "[a-z0-9][a-z0-9-]{0,31}";

    private final SiteStore store;
    private final Site defaultSite;
    private final Clock clock;
    private volatile Map<String, Site> byName;

    public Sites(SiteStore store, List<String> defaultOrigins, Clock clock) {
        this.store = store;
        this.defaultSite = new Site(ThreadKey.DEFAULT_SITE, defaultOrigins, null);
        this.clock = clock;
        refresh();
    }

    /** The site a request names; {@code null} or empty means the default site. 404 for any other name. */
    public Site require(String name) {
        if (name == null || name.isEmpty() || name.equals(ThreadKey.DEFAULT_SITE)) {
            return defaultSite;
        }
        Site site = byName.get(name);
        if (site == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no site named " + printable(name));
        }
        return site;
    }

    /** The name of every site, the default one included. */
    public List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ThreadKey.DEFAULT_SITE),
                all().stream().map(Site::name)).toList();
    }

    public List<Site> all() {
        return byName.values().stream().sorted(java.util.Comparator.comparing(Site::name)).toList();
    }

    /** Creates or changes a site ({@code moderatorToken} null keeps the current one; "" removes it). */
    public Site save(String name, List<String> allowedOrigins, String moderatorToken) {
        if (!name.matches(NAME) || name.equals(ThreadKey.DEFAULT_SITE)) {
            throw new ApiException(ErrorCode.INVALID_JSON, "a site name is 1 to 32 lower-case letters, digits or '-'"
                    + " (and not 'default', which is configured by the PARLEY_* settings)");
        }
        Site current = byName.get(name);
        if (current == null && byName.size() >= MAX_SITES) {
            throw new ApiException(ErrorCode.CONFLICT, "at most " + MAX_SITES + " sites");
        }
        if (moderatorToken != null && !moderatorToken.isEmpty() && moderatorToken.length() < 16) {
            throw new ApiException(ErrorCode.INVALID_JSON, "a moderator token must be at least 16 characters");
        }
        String hash = moderatorToken == null ? (current == null ? null : current.moderatorTokenHash())
                : moderatorToken.isEmpty() ? null : hash(moderatorToken);
        Site site = new Site(name, allowedOrigins, hash);
        store.save(site, clock.instant());
        refresh();
        return site;
    }

    /** Whether {@code token} is the moderator token of {@code site} (compared in constant time). */
    public boolean moderates(Site site, String token) {
        return site.moderatorTokenHash() != null && token != null
                && MessageDigest.isEqual(site.moderatorTokenHash().getBytes(StandardCharsets.US_ASCII),
                hash(token).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the set again (every second on a worker, and after a save). */
    public void refresh() {
        byName = store.all().stream().limit(MAX_SITES).collect(Collectors.toUnmodifiableMap(Site::name, Function.identity()));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String printable(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
